import { randomBytes } from 'node:crypto'
import { readRequestCookie, type SandboxRequest } from '../http/sandbox-http.ts'
import { ExpiringEntries } from './expiring-entries.ts'

const cookieName = 'ESTSAUTH'

/** A browser session lasts a working day; older ones are dropped so that a long-running sandbox stays small. */
const sessionLifetimeMs = 24 * 60 * 60 * 1000

interface BrowserSession {
  userId: string
  expiresAt: number
}

/**
 * Who is signed in to the sandbox's pages in one browser, so that `prompt=none` can answer
 * without a page, as Entra's session cookie allows.
 */
export class BrowserSessions {
  private readonly sessions = new ExpiringEntries<BrowserSession>()
  private readonly now: () => number

  constructor(now: () => number) {
    this.now = now
  }

  userOf(request: SandboxRequest): string | undefined {
    const id = readRequestCookie(request, cookieName)
    const session = id ? this.sessions.get(id) : undefined
    return session && session.expiresAt > this.now() ? session.userId : undefined
  }

  /** Starts a session for a user and returns the `Set-Cookie` header value. */
  signIn(userId: string): string {
    const id = randomBytes(24).toString('base64url')
    this.sessions.add(id, { userId, expiresAt: this.now() + sessionLifetimeMs }, this.now())
    return `${cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax`
  }

  signOut(request: SandboxRequest): string {
    const id = readRequestCookie(request, cookieName)
    if (id) this.sessions.delete(id)
    return `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`
  }

  /** How many sessions are remembered, for tests of the pruning. */
  get size(): number {
    return this.sessions.size
  }

  clear(): void {
    this.sessions.clear()
  }
}
