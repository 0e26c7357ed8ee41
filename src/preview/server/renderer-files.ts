import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { refuse, securityHeaders } from './http-replies.ts'

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/** Serves a file of the built renderer by its URL path, and nothing outside that folder. */
export async function sendRendererFile(response: ServerResponse, rendererDir: string, urlPath: string): Promise<void> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    // A malformed percent-escape is the client's mistake, not the server's.
    return refuse(response, { status: 400, reason: 'The path has a malformed percent-escape.' })
  }
  const root = resolve(rendererDir)
  const file = normalize(join(root, decoded))
  if (!file.startsWith(root + sep)) return refuse(response, { status: 404, reason: 'Not found.' })
  return sendFile(response, file)
}

export async function sendFile(response: ServerResponse, file: string): Promise<void> {
  try {
    const body = await readFile(file)
    response.writeHead(200, { ...securityHeaders(), 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' })
    response.end(body)
  } catch {
    refuse(response, { status: 404, reason: 'Not found.' })
  }
}
