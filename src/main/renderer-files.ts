import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { contentSecurityPolicy } from './content-security-policy.ts'

/**
 * The built renderer is served from a privileged scheme of the app's own instead of file://: the page
 * then has a real origin, so the sender check is an origin check, and its responses carry headers
 * (the CSP) that Chromium is certain to apply, which is not known for file:// pages.
 */
export const rendererScheme = 'console-app'
export const rendererHost = 'renderer'
export const rendererOrigin = `${rendererScheme}://${rendererHost}`
export const rendererIndexUrl = `${rendererOrigin}/index.html`

export interface RendererReply {
  status: number
  headers: Record<string, string>
  body: Uint8Array<ArrayBuffer> | null
}

/** Only what the renderer build writes; anything else is not served, whatever the folder holds. */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8'
}

const baseHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store'
}

/**
 * The path inside the renderer folder that a request names, or a refusal. Every segment is decoded
 * on its own, so an encoded slash or dot-dot (`%2f`, `%2e%2e`) can never become a separator or a
 * step upwards after the URL parser has already normalised the path.
 */
export function rendererPathFor(requestUrl: string): { ok: true; segments: string[] } | { ok: false; status: 403 | 404 } {
  const url = URL.parse(requestUrl)
  if (!url || url.protocol !== `${rendererScheme}:` || url.host !== rendererHost || url.username || url.password) return { ok: false, status: 403 }
  const raw = url.pathname === '/' ? ['index.html'] : url.pathname.split('/').slice(1)
  const segments: string[] = []
  for (const encoded of raw) {
    let segment: string
    try {
      segment = decodeURIComponent(encoded)
    } catch {
      return { ok: false, status: 403 }
    }
    // An empty segment (`//`), a dot segment, a separator of either OS, a drive letter or a NUL is
    // never part of a built file's name, so it is refused rather than interpreted.
    if (segment === '' || segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return { ok: false, status: 403 }
    segments.push(segment)
  }
  return { ok: true, segments }
}

function isInside(folder: string, file: string): boolean {
  const path = relative(folder, file)
  return path !== '' && !path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path)
}

/** Answers one request for the renderer scheme from `rendererDir` (the built `out/renderer`). */
export async function serveRendererFile(rendererDir: string, request: { url: string; method: string }): Promise<RendererReply> {
  const refuse = (status: number): RendererReply => ({ status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' }, body: null })
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405)
  const path = rendererPathFor(request.url)
  if (!path.ok) return refuse(path.status)
  const root = resolve(rendererDir)
  const file = resolve(join(root, ...path.segments))
  if (!isInside(root, file)) return refuse(403)
  const contentType = contentTypes[extname(file).toLowerCase()]
  if (!contentType) return refuse(404)
  try {
    // A symlink inside the folder could point anywhere: the real paths must still nest.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)])
    if (!isInside(realRoot, realFile)) return refuse(403)
    if (!(await stat(realFile)).isFile()) return refuse(404)
    const body = request.method === 'HEAD' ? null : await readFile(realFile)
    return { status: 200, headers: { ...baseHeaders, 'Content-Type': contentType }, body }
  } catch {
    return refuse(404)
  }
}
