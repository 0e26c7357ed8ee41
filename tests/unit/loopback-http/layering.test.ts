import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2] ?? '')
}

describe('the shared loopback HTTP helpers', () => {
  it('import only Node and each other, so both the sandbox and the preview may use them', () => {
    const files = sourceFiles('src/loopback-http')
    expect(files.length).toBeGreaterThan(3)
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => !specifier.startsWith('node:') && !/^\.\/[\w-]+\.ts$/.test(specifier))
        .map((specifier) => `${file} imports ${specifier}`)
    )
    expect(offenders).toEqual([])
  })

  it('are what the sandbox tenant and the preview use, and the sandbox still imports nothing of the product', () => {
    const sandboxImports = sourceFiles('src/sandbox-tenant').flatMap((file) => importsOf(file).map((specifier) => ({ file, specifier })))
    expect(sandboxImports.filter(({ specifier }) => specifier.includes('loopback-http/')).length).toBeGreaterThan(0)
    expect(sourceFiles('src/preview').flatMap(importsOf).filter((specifier) => specifier.includes('loopback-http/')).length).toBeGreaterThan(0)
    const productImports = sandboxImports.filter(({ specifier }) => /(^|\/)(main|shared|preview|renderer|preload)\//.test(specifier))
    expect(productImports).toEqual([])
  })
})
