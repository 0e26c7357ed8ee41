import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/temp-dir.ts'

const run = promisify(execFile)
const electronVite = resolve('node_modules/electron-vite/bin/electron-vite.js')

/** Text that only the sandbox's sign-in pages contain; an installed build must not carry it in its entry. */
const sandboxPageText = ['Pick an account', 'Permissions requested', 'Consent on behalf of your organisation']

describe('npm run build keeps the sandbox tenant out of the main entry', () => {
  const outDir = makeTempDir('console-build')
  let mainEntry = ''
  let chunks: Array<{ name: string; text: string }> = []

  beforeAll(async () => {
    // The same build `npm run build` runs, into a folder of the test's own so that it never races out/.
    await run(process.execPath, [electronVite, 'build', '--outDir', outDir.path, '--logLevel', 'error'], { timeout: 60_000 })
    mainEntry = readFileSync(join(outDir.path, 'main', 'index.js'), 'utf8')
    const chunkDir = join(outDir.path, 'main', 'chunks')
    // With the sandbox bundled into the entry there is no chunk folder at all: that must fail below, not here.
    const names = existsSync(chunkDir) ? readdirSync(chunkDir) : []
    chunks = names.map((name) => ({ name, text: readFileSync(join(chunkDir, name), 'utf8') }))
  }, 90_000)
  afterAll(() => outDir.remove())

  it.each(sandboxPageText)('out/main/index.js does not contain "%s"', (text) => {
    expect(mainEntry.length).toBeGreaterThan(0)
    expect(mainEntry).not.toContain(text)
  })

  it('puts the sandbox pages in a chunk of their own, which the entry loads only by a dynamic import', () => {
    const sandboxChunks = chunks.filter((chunk) => sandboxPageText.every((text) => chunk.text.includes(text)))
    expect(sandboxChunks.map((chunk) => chunk.name)).toEqual([expect.stringMatching(/^sandbox-tenant-server-.+\.js$/)])
    const [chunk] = sandboxChunks
    expect(mainEntry).toMatch(new RegExp(`import\\(["'][^"']*${chunk?.name.replace(/[.$]/g, '\\$&')}["']\\)`))
  })
})
