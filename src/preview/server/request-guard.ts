import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const SECRET_COOKIE = 'console_preview_secret'

export type Refusal = { status: number; reason: string }

/**
 * The preview answers only its own origin. The Host check stops DNS rebinding; the Origin check
 * stops other sites' pages; the per-run secret stops other local programs that guess the port.
 */
export function createRequestGuard(origin: string, secret: string) {
  const host = new URL(origin).host
  const expected = Buffer.from(secret)

  function hasSecret(request: IncomingMessage): boolean {
    const offered = readCookie(request.headers.cookie, SECRET_COOKIE)
    if (!offered) return false
    const candidate = Buffer.from(offered)
    return candidate.length === expected.length && timingSafeEqual(candidate, expected)
  }

  /** Checks every request, pages included. */
  function checkPage(request: IncomingMessage): Refusal | null {
    if (request.headers.host !== host) return { status: 421, reason: 'This preview answers only on its own address.' }
    const requestOrigin = request.headers.origin
    if (requestOrigin !== undefined && requestOrigin !== origin) return { status: 403, reason: 'Requests from other origins are refused.' }
    return null
  }

  return {
    checkPage,
    /** Checks calls into the console: the page checks plus the secret, and an Origin on anything that changes state. */
    checkApi(request: IncomingMessage): Refusal | null {
      const pageRefusal = checkPage(request)
      if (pageRefusal) return pageRefusal
      if (request.method !== 'GET' && request.headers.origin !== origin) return { status: 403, reason: 'Calls must come from the console page.' }
      if (!hasSecret(request)) return { status: 401, reason: 'This preview session’s secret is missing or wrong. Reload the page.' }
      return null
    }
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}
