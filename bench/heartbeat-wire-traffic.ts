import type { SandboxTenant } from '../src/sandbox-tenant/sandbox-tenant-server.ts'
import type { CountingProxy, ProxiedExchange } from '../tests/support/counting-proxy.ts'

export type MicrosoftHostKind = 'graph' | 'token' | 'management' | 'other'

/** Which of Microsoft's hosts a path on the proxy stands for: the sandbox serves them all at one address. */
export function hostKindOf(path: string): MicrosoftHostKind {
  if (path === '/v1.0' || path.startsWith('/v1.0/')) return 'graph'
  if (path.startsWith('/api/v1.0/')) return 'management'
  if (path.endsWith('/oauth2/v2.0/token')) return 'token'
  return 'other'
}

/**
 * What one piece of work sent to Microsoft, as the proxy and the sandbox counted it. The sign-in and
 * token endpoints are not behind the proxy: the sandbox's discovery document names its own address
 * for them, so MSAL goes there directly, and only the sandbox's own count sees token requests.
 */
export interface Traffic {
  milliseconds: number
  /** Through the proxy, plus the token requests the sandbox counted. */
  requests: number
  graphRoundTrips: number
  /** Counted by the sandbox's token endpoint itself. */
  tokenRequests: number
  managementRequests: number
  /** Requests and answers together, on the wire between the client and the proxy: token requests are not in it. */
  bytes: number
  exchanges: ProxiedExchange[]
}

/** Runs `work` and reads what crossed the proxy meanwhile; nothing else may talk to it at the same time. */
export async function measureTraffic(proxy: CountingProxy, sandbox: SandboxTenant, work: () => Promise<unknown>): Promise<Traffic> {
  const seenBefore = proxy.seen.length
  const answeredBefore = proxy.exchanges.length
  const tokensBefore = sandbox.tokenRequests()
  const started = performance.now()
  await work()
  const milliseconds = performance.now() - started
  // The work has read every answer, so each was written; the proxy files it a moment later.
  for (let turns = 0; proxy.exchanges.length - answeredBefore < proxy.seen.length - seenBefore; turns++) {
    if (turns > 100) throw new Error('a request through the proxy was never answered')
    await new Promise((resolve) => setImmediate(resolve))
  }
  const exchanges = proxy.exchanges.slice(answeredBefore)
  const count = (kind: MicrosoftHostKind) => exchanges.filter(({ path }) => hostKindOf(path) === kind).length
  const tokenRequests = sandbox.tokenRequests() - tokensBefore
  return {
    milliseconds,
    requests: exchanges.length - count('token') + tokenRequests,
    graphRoundTrips: count('graph'),
    tokenRequests,
    managementRequests: count('management'),
    bytes: exchanges.reduce((sum, { requestBytes, responseBytes }) => sum + requestBytes + responseBytes, 0),
    exchanges
  }
}
