import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Finds the Electron binary without `require('electron')`, which would try to download it.
 * Returns the reason instead when there is none, so the test can say why it is skipped.
 */
export function findElectronBinary(root: string): { path: string } | { missing: string } {
  const packageDir = join(root, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const candidate = override ? join(override, relative ?? 'electron') : relative ? join(packageDir, 'dist', relative) : null
  if (candidate && existsSync(candidate)) return { path: candidate }
  return {
    missing:
      'the Electron binary is not installed (node_modules/electron has no downloaded dist/, and ELECTRON_OVERRIDE_DIST_PATH is unset); ' +
      'this machine cannot download it, so the app is exercised through the web preview instead'
  }
}
