import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? ''
  )
}

/** The thin Electron shell: the only files in src/main allowed to touch Electron. */
const electronShell = (file: string) => file === 'src/main/index.ts' || file.startsWith('src/main/shell/')

describe('layering', () => {
  it('finds the source it is meant to check', () => {
    expect(sourceFiles('src/main').length).toBeGreaterThan(5)
    expect(importsOf('src/main/index.ts')).toContain('electron')
  })

  it('keeps electron and electron-store out of every src/main file that does work', () => {
    const offenders = sourceFiles('src/main')
      .filter((file) => !electronShell(file))
      .filter((file) => importsOf(file).some((specifier) => specifier === 'electron' || specifier.startsWith('electron/') || specifier === 'electron-store'))
    expect(offenders).toEqual([])
  })

  it('lets only the composition in index.ts load electron-store', () => {
    const users = [...sourceFiles('src/main'), ...sourceFiles('src/preview')].filter((file) => importsOf(file).includes('electron-store'))
    expect(users).toEqual(['src/main/index.ts'])
  })

  it('keeps src/shared free of Electron, Node and React', () => {
    const offenders = sourceFiles('src/shared').filter((file) =>
      importsOf(file).some((specifier) => !specifier.startsWith('./') && specifier !== 'zod')
    )
    expect(offenders).toEqual([])
  })

  it('keeps the renderer away from Electron, Node and main', () => {
    const offenders = sourceFiles('src/renderer').filter((file) =>
      importsOf(file).some((specifier) => /^(electron|node:|fs$|path$|keytar|@azure\/msal-node|conf$)/.test(specifier) || specifier.includes('/main/'))
    )
    expect(offenders).toEqual([])
  })
})
