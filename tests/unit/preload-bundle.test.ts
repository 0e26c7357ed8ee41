import { join, relative } from 'node:path'
import { rolldown } from 'rolldown'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

/** Bundles the preload the way electron-vite does (everything but electron inlined), in memory. */
async function preloadBundle() {
  const bundle = await rolldown({ input: join(root, 'src/preload/index.ts'), external: ['electron'], platform: 'node', logLevel: 'silent' })
  try {
    const { output } = await bundle.generate({ format: 'cjs', minify: true })
    const [chunk] = output
    if (!chunk) throw new Error('the preload bundle is empty')
    return { modules: chunk.moduleIds.map((id) => relative(root, id)), bytes: Buffer.byteLength(chunk.code) }
  } finally {
    await bundle.close()
  }
}

describe('the preload bundle', () => {
  it('holds the contract’s names but neither zod nor the schemas', async () => {
    const { modules, bytes } = await preloadBundle()
    expect(modules).toContain('src/shared/contract-names.ts')
    expect(modules.filter((id) => id.includes('node_modules/zod') || id === 'src/shared/contract.ts')).toEqual([])
    // zod alone would add about 80 KiB; the bridge itself is a few.
    expect(bytes).toBeLessThan(8 * 1024)
  })
})
