import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Row, Section, Target } from './bench-report.ts'
import { filesUnder, initialAssetsOf, sizeOf, total, type FileSize } from './bundle-files.ts'

const outDir = join(import.meta.dirname, '..', 'out')
/** The budgets, in KB of 1000 bytes, gzip. */
const INITIAL_JS_BUDGET_KB = 150
const PRELOAD_BUDGET_KB = 10

const KB = 1000
const files = (count: number) => `${count} ${count === 1 ? 'file' : 'files'}`
const kb = (bytes: number) => bytes / KB
const listed = (sizes: readonly FileSize[]) =>
  sizes.length === 0 ? 'none' : sizes.map((size) => `${size.name} (${kb(size.gzip).toFixed(1)} KB gzip)`).join(', ')

function budget(sizes: readonly FileSize[], budgetKb: number, cure: string): Target {
  const { gzip } = total(sizes)
  const met = gzip <= budgetKb * KB
  const largestFirst = [...sizes].sort((a, b) => b.gzip - a.gzip)
  return {
    says: `≤ ${budgetKb} KB gzip`,
    met,
    enforced: true,
    ...(met ? {} : { reason: `${kb(gzip).toFixed(1)} KB gzip, ${kb(gzip - budgetKb * KB).toFixed(1)} KB over; largest first: ${listed(largestFirst)}. ${cure}` })
  }
}

function sizeRows(measure: string, sizes: readonly FileSize[], target?: Target): Row[] {
  const { raw, gzip } = total(sizes)
  return [
    { measure: `${measure}, gzip`, unit: 'KB (1000 B)', value: kb(gzip), ...(target ? { target } : {}) },
    { measure: `${measure}, raw`, unit: 'KB (1000 B)', value: kb(raw) }
  ]
}

/** What the built console weighs: what the window loads at start, against its budget, and the rest as plain figures. */
export function benchBundleSize(): Promise<Section> {
  const indexHtml = join(outDir, 'renderer', 'index.html')
  const preloadDir = join(outDir, 'preload')
  const bridgeDir = join(outDir, 'preview')
  if (![indexHtml, preloadDir, bridgeDir, join(outDir, 'main', 'index.js')].every((path) => existsSync(path))) {
    return Promise.reject(
      new Error(
        'out/ holds no complete build. Run `npm run bench`, which builds first (or build once with `npx electron-vite build && npx vite build -c src/preview/vite.config.ts`).'
      )
    )
  }
  const size = (file: string) => sizeOf(outDir, file)
  const initial = initialAssetsOf(indexHtml)
  const initialScripts = initial.scripts.map(size)
  const initialStyles = initial.styles.map(size)
  const initialFiles = new Set([...initial.scripts, ...initial.styles])
  const lazy = filesUnder(join(outDir, 'renderer', 'assets'))
    .filter((file) => /\.(m?js|css)$/.test(file) && !initialFiles.has(file))
    .map(size)
  const preload = filesUnder(preloadDir).map(size)
  const mainChunks = filesUnder(join(outDir, 'main', 'chunks')).map(size)

  const rows: Row[] = [
    ...sizeRows(
      'renderer JavaScript loaded at start',
      initialScripts,
      budget(initialScripts, INITIAL_JS_BUDGET_KB, 'Load with import() what the first paint does not need (dialogs, Settings).')
    ),
    ...sizeRows('renderer CSS loaded at start', initialStyles),
    ...sizeRows(`renderer chunks loaded later by import() (${files(lazy.length)})`, lazy),
    ...sizeRows('preload', preload, budget(preload, PRELOAD_BUDGET_KB, 'The preload should only map the contract onto ipcRenderer: move anything else to main.')),
    ...sizeRows('web preview bridge (development only)', filesUnder(bridgeDir).map(size)),
    ...sizeRows('main entry (out/main/index.js)', [size(join(outDir, 'main', 'index.js'))]),
    ...sizeRows(`main chunks loaded later by import() (${files(mainChunks.length)})`, mainChunks)
  ]
  return Promise.resolve({
    title: 'Bundle size',
    method:
      'Sizes of the built files in out/: each file gzip-compressed on its own with node:zlib gzipSync at its default level (6), then added up; KB is 1000 bytes, and the budgets use the same KB. "Loaded at start" is what out/renderer/index.html names in its script, stylesheet and modulepreload tags.',
    rows,
    notes: [
      `Renderer files loaded at start: ${listed([...initialScripts, ...initialStyles])}.`,
      `Renderer chunks loaded later: ${listed(lazy)}.`,
      `Preload: ${listed(preload)}. Main's later chunks: ${mainChunks.map((chunk) => basename(chunk.name)).join(', ') || 'none'}.`,
      'The budgets are enforced: a miss makes `npm run bench` exit non-zero.'
    ]
  })
}
