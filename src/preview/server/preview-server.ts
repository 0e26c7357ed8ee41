import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { eventNames } from '../../shared/contract.ts'
import { contentSecurityPolicy } from '../../main/content-security-policy.ts'
import type { ConsoleEventHub } from '../../main/console-events.ts'
import type { ConsoleHandlers } from '../../main/ipc/console-handlers.ts'
import { createDispatcher } from '../../main/ipc/dispatcher.ts'
import { createSenderPolicy } from '../../main/ipc/sender-policy.ts'
import type { Logger } from '../../main/logger.ts'
import { createRequestGuard, SECRET_COOKIE, type Refusal } from './request-guard.ts'

export interface PreviewServerOptions {
  handlers: ConsoleHandlers
  events: ConsoleEventHub
  logger: Logger
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** The built preview bridge script. */
  bridgeFile: string
  port?: number
}

export interface PreviewServer {
  url: string
  /** Exposed for tests that must present the secret the way the page does. */
  secret: string
  close(): Promise<void>
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

const MAX_BODY_BYTES = 64 * 1024

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const secret = randomBytes(32).toString('base64url')
  const streams = new Set<ServerResponse>()
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  // The origin, and so the guard and the sender policy, are known only once the port is bound;
  // nobody can reach the server before its URL is printed, so requests are handled from here on.
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const guard = createRequestGuard(origin, secret)
  const dispatch = createDispatcher(options.handlers, createSenderPolicy({ devServerUrl: origin }), options.logger)
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { error: 'The preview server failed.' })
      else response.end()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', origin).pathname
    if (path.startsWith('/api/')) {
      const refusal = guard.checkApi(request)
      if (refusal) return refuse(response, refusal)
      if (path === '/api/events' && request.method === 'GET') return openEventStream(response)
      const method = path.match(/^\/api\/invoke\/([A-Za-z]+)$/)?.[1]
      if (method && request.method === 'POST') {
        const args = await readJsonBody(request)
        if (args === undefined) {
          return sendJson(response, 400, { ok: false, error: { code: 'invalidArguments', message: 'The request body is not JSON, or is larger than 64 KiB.' } })
        }
        return sendJson(response, 200, await dispatch(method, args, { url: `${origin}/` }))
      }
      return sendJson(response, 404, { error: 'No such call.' })
    }
    const refusal = guard.checkPage(request)
    if (refusal) return refuse(response, refusal)
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, { status: 405, reason: 'Method not allowed.' })
    if (path === '/' || path === '/index.html') return sendPage(response)
    if (path === '/preview-bridge.js') return sendFile(response, options.bridgeFile)
    const file = normalize(join(options.rendererDir, decodeURIComponent(path)))
    if (!file.startsWith(options.rendererDir + sep)) return refuse(response, { status: 404, reason: 'Not found.' })
    return sendFile(response, file)
  }

  async function sendPage(response: ServerResponse) {
    const html = await readFile(join(options.rendererDir, 'index.html'), 'utf8')
    // A classic script runs before the module bundle, so `window.api` exists when the app starts.
    const withBridge = html.replace('</title>', '</title>\n    <script src="/preview-bridge.js"></script>')
    response.writeHead(200, {
      ...securityHeaders(),
      'content-type': 'text/html; charset=utf-8',
      'set-cookie': `${SECRET_COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`
    })
    response.end(withBridge)
  }

  function openEventStream(response: ServerResponse) {
    response.writeHead(200, { ...securityHeaders(), 'content-type': 'text/event-stream', connection: 'keep-alive' })
    response.write(': connected\n\n')
    streams.add(response)
    response.on('close', () => streams.delete(response))
  }

  const unsubscribe = options.events.subscribe((event, payload) => {
    if (!eventNames.includes(event)) return
    for (const stream of streams) stream.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
  })


  return {
    url: `${origin}/`,
    secret,
    close: async () => {
      unsubscribe()
      for (const stream of streams) stream.end()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store'
  }
}

async function sendFile(response: ServerResponse, file: string) {
  try {
    const body = await readFile(file)
    response.writeHead(200, { ...securityHeaders(), 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' })
    response.end(body)
  } catch {
    refuse(response, { status: 404, reason: 'Not found.' })
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { ...securityHeaders(), 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

function refuse(response: ServerResponse, { status, reason }: Refusal) {
  response.writeHead(status, { ...securityHeaders(), 'content-type': 'text/plain; charset=utf-8' })
  response.end(reason)
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk as Buffer)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    return undefined
  }
}
