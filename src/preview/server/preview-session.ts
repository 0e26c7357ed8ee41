import { randomBytes } from 'node:crypto'
import { readCookies } from '../../loopback-http/read-cookie.ts'
import { secretsMatch } from './secrets-match.ts'

export interface PreviewSession {
  /** The token printed in the terminal; it lets exactly one browser in. */
  readonly token: string
  /** Spends the token: the `Set-Cookie` value for the session when `offered` is the unspent token, else null. */
  exchangeToken(offered: string): string | null
  /** Whether a `Cookie` header carries this session's cookie. */
  isSignedIn(cookieHeader: string | undefined): boolean
}

/**
 * The preview's only way in, as Jupyter does it: whoever can read the terminal gets a one-time token,
 * and opening it trades the token for a session cookie. Cookies ignore ports, so the cookie's name
 * carries the port, and two previews on one machine keep a cookie each.
 */
export function createPreviewSession(port: number): PreviewSession {
  const cookieName = `console_preview_session_${port}`
  const cookieValue = randomBytes(32).toString('base64url')
  const token = randomBytes(24).toString('base64url')
  let tokenSpent = false

  return {
    token,
    exchangeToken(offered) {
      if (tokenSpent || !secretsMatch(offered, token)) return null
      tokenSpent = true
      return `${cookieName}=${cookieValue}; HttpOnly; SameSite=Strict; Path=/`
    },
    isSignedIn(cookieHeader) {
      return readCookies(cookieHeader, cookieName).some((offered) => secretsMatch(offered, cookieValue))
    }
  }
}
