import { randomBytes } from 'node:crypto'
import type { SandboxRequest } from '../http/sandbox-http.ts'

const cookieName = 'ESTSAUTH'

/**
 * Who is signed in to the sandbox's pages in one browser, so that `prompt=none` can answer
 * without a page, as Entra's session cookie allows.
 */
export class BrowserSessions {
  private readonly sessions = new Map<string, string>()

  userOf(request: SandboxRequest): string | undefined {
    const id = readCookie(request, cookieName)
    return id ? this.sessions.get(id) : undefined
  }

  /** Starts a session for a user and returns the `Set-Cookie` header value. */
  signIn(userId: string): string {
    const id = randomBytes(24).toString('base64url')
    this.sessions.set(id, userId)
    return `${cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax`
  }

  signOut(request: SandboxRequest): string {
    const id = readCookie(request, cookieName)
    if (id) this.sessions.delete(id)
    return `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`
  }
}

function readCookie(request: SandboxRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? ''
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}
