import { randomBytes } from 'node:crypto'
import type { Authority } from './authority.ts'
import { ExpiringEntries } from './expiring-entries.ts'
import type { ScopeRequest } from './scope-resolution.ts'

export type ResponseMode = 'form_post' | 'query' | 'fragment'

/**
 * A sign-in in progress between the pages, validated once at `/authorize` or `/adminconsent` and
 * kept here. The pages carry only its opaque `flowToken`, as Entra's do, so nothing the browser
 * posts back can change the client, the redirect URI or the scopes.
 */
export interface SignInFlow {
  flowToken: string
  purpose: 'authorize' | 'adminconsent'
  authority: Authority
  clientId: string
  redirectUri: URL
  /** The redirect URI exactly as the app sent it, which the token request must repeat. */
  redirectUriSent: string
  responseMode: ResponseMode
  state: string | null
  nonce: string | null
  codeChallenge: string | null
  scopeParam: string
  scopes: ScopeRequest
  prompt: string | null
  clientInfo: boolean
  /** The request that started it, so an error page can offer to start again. */
  startUrl: string
  userId: string | null
  expiresAt: number
}

/** A sign-in page left open this long must be started again; abandoned flows are dropped then. */
const flowLifetimeMs = 15 * 60 * 1000

export class SignInFlows {
  private readonly flows = new ExpiringEntries<SignInFlow>()
  private readonly now: () => number

  constructor(now: () => number) {
    this.now = now
  }

  start(flow: Omit<SignInFlow, 'flowToken' | 'expiresAt' | 'userId'>): SignInFlow {
    const started: SignInFlow = {
      ...flow,
      flowToken: randomBytes(24).toString('base64url'),
      userId: null,
      expiresAt: this.now() + flowLifetimeMs
    }
    this.flows.add(started.flowToken, started, this.now())
    return started
  }

  find(flowToken: string | null): SignInFlow | undefined {
    if (!flowToken) return undefined
    const flow = this.flows.get(flowToken)
    if (!flow || flow.expiresAt <= this.now()) return undefined
    return flow
  }

  /** A flow ends once the app has its answer, so a page posted twice cannot answer twice. */
  finish(flow: SignInFlow): void {
    this.flows.delete(flow.flowToken)
  }

  /** How many flows are remembered, for tests of the pruning. */
  get size(): number {
    return this.flows.size
  }

  clear(): void {
    this.flows.clear()
  }
}
