import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

/** A built file's size as it lies on disk and as gzip (zlib's default level) would send it. */
export interface FileSize {
  /** Relative to `out/`. */
  name: string
  raw: number
  gzip: number
}

export function sizeOf(outDir: string, file: string): FileSize {
  const bytes = readFileSync(file)
  return { name: relative(outDir, file), raw: bytes.length, gzip: gzipSync(bytes).length }
}

/** Every file under a folder, or the one file a path names; none when the path does not exist. */
export function filesUnder(path: string): string[] {
  if (!existsSync(path)) return []
  if (statSync(path).isFile()) return [path]
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

/** Each file is compressed on its own, as a server sends them one response each, and the sizes are added up. */
export function total(sizes: readonly FileSize[]): { raw: number; gzip: number } {
  return sizes.reduce((sum, size) => ({ raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip }), { raw: 0, gzip: 0 })
}

export interface InitialAssets {
  scripts: string[]
  styles: string[]
}

const tag = /<(script|link)\b([^>]*)>/gi
const attribute = /([\w-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))/g

/**
 * What the page loads before anything else runs: the scripts it names, the chunks it preloads as
 * modules (the entry's static imports), and its stylesheets. Anything else in `assets/` is loaded
 * later, by import().
 */
export function initialAssetsOf(indexHtmlFile: string): InitialAssets {
  const html = readFileSync(indexHtmlFile, 'utf8')
  const folder = resolve(indexHtmlFile, '..')
  const scripts = new Set<string>()
  const styles = new Set<string>()
  for (const [, name, attributes = ''] of html.matchAll(tag)) {
    const values = new Map([...attributes.matchAll(attribute)].map(([, key = '', , double, single, bare]) => [key.toLowerCase(), double ?? single ?? bare ?? '']))
    const rel = values.get('rel')?.toLowerCase()
    const source = name?.toLowerCase() === 'script' ? values.get('src') : rel === 'modulepreload' || rel === 'stylesheet' ? values.get('href') : undefined
    if (!source || /^[a-z]+:/i.test(source)) continue
    const file = join(folder, source.replace(/^\//, ''))
    if (rel === 'stylesheet') styles.add(file)
    else scripts.add(file)
  }
  return { scripts: [...scripts], styles: [...styles] }
}
