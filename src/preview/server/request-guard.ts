import type { IncomingMessage } from 'node:http'
import { isJsonContentType } from '../../loopback-http/parse-json.ts'
import type { PreviewSession } from './preview-session.ts'

export type Refusal = { status: number; reason: string }

/**
 * The preview answers only its own origin. The Host check stops DNS rebinding; the Origin check stops
 * other sites' pages; the session cookie stops other local programs that guess the port.
 */
export function createRequestGuard(origin: string, session: PreviewSession) {
  const host = new URL(origin).host

  /** Checks every request, the token exchange and pages included. */
  function checkAddress(request: IncomingMessage): Refusal | null {
    if (request.headers.host !== host) return { status: 421, reason: 'This preview answers only on its own address.' }
    const requestOrigin = request.headers.origin
    if (requestOrigin !== undefined && requestOrigin !== origin) return { status: 403, reason: 'Requests from other origins are refused.' }
    return null
  }

  return {
    checkAddress,
    /**
     * Checks calls into the console: the address, an Origin on anything that changes state, the session,
     * and a JSON body. Requiring JSON means a cross-site form (text/plain, no preflight) never gets a call in.
     */
    checkCall(request: IncomingMessage): Refusal | null {
      const addressRefusal = checkAddress(request)
      if (addressRefusal) return addressRefusal
      const changesState = request.method !== 'GET' && request.method !== 'HEAD'
      if (changesState && request.headers.origin !== origin) return { status: 403, reason: 'Calls must come from the console page.' }
      if (!session.isSignedIn(request.headers.cookie)) {
        return { status: 401, reason: 'This browser has no session of this preview. Open the URL the preview printed in its terminal.' }
      }
      if (changesState && !isJsonContentType(request.headers['content-type'])) return { status: 415, reason: 'Calls must send application/json.' }
      return null
    }
  }
}
