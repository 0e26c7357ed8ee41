import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { eventNames, methodNames, subscriptionName } from '../../src/shared/contract.ts'
import { findElectronBinary } from '../support/electron-binary.ts'

const root = join(import.meta.dirname, '../..')
const binary = findElectronBinary(root)

test('the built app opens Cloud Applications, with only window.api exposed to the page', async () => {
  if ('missing' in binary) {
    // The list reporter does not print skip reasons, so say it where CI's log shows it.
    console.log(`Skipping the Electron smoke test: ${binary.missing}.`)
    test.skip(true, binary.missing)
    return
  }
  expect(existsSync(join(root, 'out/main/index.js')), 'run `npm run build` first').toBe(true)

  const dataDir = mkdtempSync(join(tmpdir(), 'console-electron-'))
  const app = await electron.launch({
    executablePath: binary.path,
    args: [root, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...process.env, CONSOLE_DATA_DIR: dataDir }
  })
  try {
    const window = await app.firstWindow()
    await window.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Control Panel' }).click()
    await window.getByRole('button', { name: /Cloud Applications/ }).click()
    await expect(window.getByRole('article', { name: 'Microsoft 365' }).getByRole('status')).toHaveText('Not connected')

    const exposed = await window.evaluate(() => ({
      api: Object.keys((window as unknown as { api: object }).api).sort(),
      hasRequire: 'require' in globalThis,
      hasProcess: 'process' in globalThis
    }))
    expect(exposed).toEqual({
      api: [...methodNames, ...eventNames.map(subscriptionName)].sort(),
      hasRequire: false,
      hasProcess: false
    })
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
