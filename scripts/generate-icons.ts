/**
 * Renders resources/icon.svg, the one source of the app's icons, into everything electron-builder
 * and the platforms ask for: PNGs per size, a Windows .ico and a macOS .icns.
 *
 * Run with `npm run icons` after changing the SVG, and check in what it writes. Chromium does the
 * rendering (the same browser the end-to-end tests use), so there is no image library to install,
 * and scripts/icon-containers.ts packs the .ico and .icns by hand.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from '../tests/support/chromium.ts'
import { icnsTypes, icoSizes, iconSizes, packIcns, packIco, type IconSize as Size } from './icon-containers.ts'

const resourcesDir = resolve(import.meta.dirname, '..', 'resources')
/** One page, resized per size: the SVG scales itself, so each size is drawn sharp rather than downsampled. */
async function renderPngs(svg: string): Promise<Map<Size, Buffer>> {
  const browser = await chromium.launch(chromiumLaunchOptions())
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 })
    const pngs = new Map<Size, Buffer>()
    for (const size of iconSizes) {
      await page.setViewportSize({ width: size, height: size })
      // Inline SVG is laid out and painted with the page, so the screenshot needs no wait for an image to decode.
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style></head>` +
          `<body>${svg}</body></html>`
      )
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }))
    }
    return pngs
  } finally {
    await browser.close()
  }
}

function pngOf(pngs: Map<Size, Buffer>, size: Size): Buffer {
  const png = pngs.get(size)
  if (!png) throw new Error(`No ${size}px rendering`)
  return png
}

async function main(): Promise<void> {
  const svg = await readFile(join(resourcesDir, 'icon.svg'), 'utf8')
  const pngs = await renderPngs(svg)

  await mkdir(join(resourcesDir, 'icons'), { recursive: true })
  for (const size of iconSizes) await writeFile(join(resourcesDir, 'icons', `${size}x${size}.png`), pngOf(pngs, size))
  // electron-builder's Linux target and the window icon take one large PNG.
  await writeFile(join(resourcesDir, 'icon.png'), pngOf(pngs, 512))
  await writeFile(join(resourcesDir, 'icon.ico'), packIco(icoSizes.map((size) => ({ size, png: pngOf(pngs, size) }))))
  await writeFile(join(resourcesDir, 'icon.icns'), packIcns(icnsTypes.map(([type, size]) => ({ type, png: pngOf(pngs, size) }))))
  process.stdout.write(`Wrote ${iconSizes.length} PNGs, icon.png, icon.ico and icon.icns to ${resourcesDir}\n`)
}

await main()
