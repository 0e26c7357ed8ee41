import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../../logger.ts'
import { readAdminConsentAnswer, type AdminConsentAnswer } from './admin-consent-answer.ts'
import { permissionsGrantedPage, permissionsNotGrantedPage, unexpectedAnswerPage } from './admin-consent-pages.ts'

export interface AdminConsentListenerOptions {
  /** The `state` sent to Microsoft; only an answer that repeats it is read. */
  state: string
  /** Called once, with the first answer that carries the right `state`. */
  onAnswer: (answer: AdminConsentAnswer) => void
  logger: Logger
}

export interface AdminConsentListener {
  /** `http://localhost:PORT/`: the loopback redirect URI that Entra accepts for a public client on any port. */
  redirectUri: string
  port: number
  /** Stops listening at once and drops open connections; resolves once the port is free. */
  close(): Promise<void>
}

const pageHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  Connection: 'close'
}

/**
 * The console's own loopback listener for Microsoft's admin consent redirect, a GET that MSAL's
 * loopback cannot receive. It listens on 127.0.0.1 on a random port. An answer without the
 * console's `state` is refused and the wait goes on, so a stray or forged request can neither grant
 * nor end the admin's real visit.
 */
export async function listenForAdminConsent(options: AdminConsentListenerOptions): Promise<AdminConsentListener> {
  const { logger } = options
  let answered = false
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (request.method !== 'GET' || url.pathname !== '/') {
      answer(response, 404, unexpectedAnswerPage)
      return
    }
    if (answered || !sameState(url.searchParams.get('state'), options.state)) {
      logger.warn('permission grant: an answer without the expected state was refused', { path: url.pathname, answered })
      answer(response, 400, unexpectedAnswerPage)
      return
    }
    answered = true
    const consent = readAdminConsentAnswer(url.searchParams)
    // Heard once the page has left, so that closing the listener cannot cut the page off.
    response.once('close', () => options.onAnswer(consent))
    answer(response, 200, consent.kind === 'granted' ? permissionsGrantedPage : permissionsNotGrantedPage)
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (error) => logger.error('permission grant: the loopback listener failed', { error }))
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return {
    redirectUri: `http://localhost:${port}/`,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    }
  }
}

function answer(response: ServerResponse<IncomingMessage>, status: number, html: string): void {
  response.writeHead(status, { ...pageHeaders, 'Content-Length': Buffer.byteLength(html) })
  response.end(html)
}

function sameState(received: string | null, expected: string): boolean {
  if (received === null) return false
  const a = Buffer.from(received)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
