import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { closeConnectionAfter } from '../../loopback-http/close-connection.ts'
import { parseJson } from '../../loopback-http/parse-json.ts'
import { readBodyWithin } from '../../loopback-http/read-body.ts'
import { eventNames, type CallErrorCode, type CallOutcome } from '../../shared/contract.ts'
import type { ConsoleEventHub } from '../../main/console-events.ts'
import type { ConsoleHandlers } from '../../main/ipc/console-handlers.ts'
import { createDispatcher } from '../../main/ipc/dispatcher.ts'
import { createSenderPolicy } from '../../main/ipc/sender-policy.ts'
import type { Logger } from '../../main/logger.ts'
import { redirectTo, refuse, securityHeaders, sendHtml, sendJson } from './http-replies.ts'
import { createPreviewSession } from './preview-session.ts'
import { sendFile, sendRendererFile } from './renderer-files.ts'
import { createRequestGuard } from './request-guard.ts'
import { signInRequiredPage } from './sign-in-required-page.ts'

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
  /** The console's clean address, `http://127.0.0.1:PORT/`. */
  url: string
  /** The address to print: `url` with the one-time token. Opening it is the only way in, once. */
  tokenUrl: string
  /**
   * The preview's system browser: each open page opens the URL in a new tab. Answers false when no
   * page is listening, so the caller can say where to open it instead.
   */
  openInBrowser(url: string): boolean
  close(): Promise<void>
}

/** Not a contract event: only the preview's own bridge hears it, and it never reaches `window.api`. */
export const OPEN_IN_BROWSER_EVENT = 'preview:openInBrowser'

const MAX_BODY_BYTES = 64 * 1024

/** Every JSON answer on /api/invoke is a call envelope, so the page always gets a code and a message. */
function callFailure(code: CallErrorCode, message: string): CallOutcome<never> {
  return { ok: false, error: { code, message } }
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>()
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  // The origin, and so the session, the guard and the sender policy, are known only once the port is
  // bound; nobody can get in before the token URL is printed, so requests are handled from here on.
  const port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  const session = createPreviewSession(port)
  const guard = createRequestGuard(origin, session)
  const dispatch = createDispatcher(options.handlers, createSenderPolicy({ devServerUrl: origin }), options.logger)
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.error('the preview could not answer a request', { path: request.url, error })
      if (!response.headersSent) sendJson(response, 500, callFailure('failed', 'The preview server failed. Its terminal has the details.'))
      else response.end()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin)
    if (url.pathname.startsWith('/api/')) return handleApi(request, response, url.pathname)
    const refusal = guard.checkAddress(request)
    if (refusal) return refuse(response, refusal)
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, { status: 405, reason: 'Method not allowed.' })
    const offeredToken = url.searchParams.get('token')
    // Only a GET spends the token, so a HEAD from a link previewer cannot use it up.
    if (url.pathname === '/' && offeredToken !== null && request.method === 'GET') return openWithToken(request, response, offeredToken)
    if (!session.isSignedIn(request.headers.cookie)) return sendHtml(response, 401, signInRequiredPage)
    if (url.pathname === '/' || url.pathname === '/index.html') return sendPage(response)
    if (url.pathname === '/preview-bridge.js') return sendFile(response, options.bridgeFile)
    return sendRendererFile(response, options.rendererDir, url.pathname)
  }

  function openWithToken(request: IncomingMessage, response: ServerResponse, offeredToken: string) {
    const sessionCookie = session.exchangeToken(offeredToken)
    if (sessionCookie) return redirectTo(response, '/', { 'set-cookie': sessionCookie })
    // The browser that spent the token may open the printed URL again; it already has its way in.
    if (session.isSignedIn(request.headers.cookie)) return redirectTo(response, '/')
    return sendHtml(response, 401, signInRequiredPage)
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, path: string) {
    const refusal = guard.checkCall(request)
    if (refusal) return refuse(response, refusal)
    if (path === '/api/events' && request.method === 'GET') return openEventStream(response)
    const method = path.match(/^\/api\/invoke\/([A-Za-z0-9]+)$/)?.[1]
    if (!method || request.method !== 'POST') return sendJson(response, 404, callFailure('unknownMethod', 'The preview has no such call.'))
    const reading = await readBodyWithin(request, MAX_BODY_BYTES)
    if (reading.kind === 'tooLarge') {
      closeConnectionAfter(response)
      return sendJson(response, 413, callFailure('invalidArguments', 'The request body is larger than 64 KiB.'))
    }
    const args = parseJson(reading.body)
    if (!args.ok) return sendJson(response, 400, callFailure('invalidArguments', 'The request body is not JSON.'))
    return sendJson(response, 200, await dispatch(method, args.value, { url: `${origin}/` }))
  }

  async function sendPage(response: ServerResponse) {
    const html = await readFile(join(options.rendererDir, 'index.html'), 'utf8')
    // A classic script runs before the module bundle, so `window.api` exists when the app starts.
    sendHtml(response, 200, html.replace('</title>', '</title>\n    <script src="/preview-bridge.js"></script>'))
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
    tokenUrl: `${origin}/?token=${session.token}`,
    openInBrowser(url) {
      for (const stream of streams) stream.write(`event: ${OPEN_IN_BROWSER_EVENT}\ndata: ${JSON.stringify({ url })}\n\n`)
      return streams.size > 0
    },
    close: async () => {
      unsubscribe()
      for (const stream of streams) stream.end()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
