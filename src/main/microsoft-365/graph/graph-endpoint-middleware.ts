import { randomUUID } from 'node:crypto'
import { GraphClientError, GraphError, type Context, type Middleware } from '@microsoft/microsoft-graph-client'
import { AccessTokenUnavailableError, ForeignGraphHostError, GraphUnreachableError } from './graph-client-errors.ts'
import { hasRequestHeader, setRequestHeader } from './request-headers.ts'

export type AccessTokenSource = () => string | Promise<string>

/**
 * The first link of the console's Graph middleware chain: it does for any Graph endpoint what the
 * library's AuthenticationHandler and TelemetryHandler do only for the `https` Graph hosts they know
 * (DESIGN.md, "Microsoft Graph JS client v3"): it attaches the bearer token and a `client-request-id`,
 * so the same chain serves graph.microsoft.com, the national clouds and the sandbox on loopback `http`.
 *
 * The token goes only to the configured endpoint: a request anywhere else (an `@odata.nextLink` that
 * names another host, say) is refused before the token is read.
 */
export class GraphEndpointMiddleware implements Middleware {
  readonly #endpoint: URL
  readonly #accessToken: AccessTokenSource
  #next: Middleware | undefined

  /** `graphEndpoint` is the service root without the version, e.g. `https://graph.microsoft.com/`. */
  constructor(graphEndpoint: string, accessToken: AccessTokenSource) {
    this.#endpoint = new URL(graphEndpoint.endsWith('/') ? graphEndpoint : `${graphEndpoint}/`)
    this.#accessToken = accessToken
  }

  setNext(next: Middleware): void {
    this.#next = next
  }

  async execute(context: Context): Promise<void> {
    // The client's `RequestInfo` is a DOM type that Node's typings leave unresolved, so it is read as unknown.
    const request: unknown = context.request
    let url: URL
    if (typeof request === 'string') {
      const restored = restoreAbsoluteLink(request, this.#endpoint)
      context.request = restored
      url = new URL(restored)
    } else if (request instanceof Request) {
      url = new URL(request.url)
    } else {
      throw new GraphClientError('A Graph request had neither a URL nor a Request.')
    }
    if (!this.#serves(url)) throw new ForeignGraphHostError(url.origin)

    let token: string
    try {
      token = await this.#accessToken()
    } catch (cause) {
      throw new AccessTokenUnavailableError(cause)
    }
    setRequestHeader(context, 'Authorization', `Bearer ${token}`)
    // Graph echoes it in the answer and in its logs: support finds a failed call by it.
    if (!hasRequestHeader(context, 'client-request-id')) setRequestHeader(context, 'client-request-id', randomUUID())

    if (!this.#next) throw new GraphClientError('The Graph middleware chain has no HTTP handler after the endpoint middleware.')
    try {
      await this.#next.execute(context)
    } catch (cause) {
      // Microsoft's answers, errors included, come back as a response; what is thrown in here is a
      // request that got no answer at all.
      if (cause instanceof GraphClientError || cause instanceof GraphError) throw cause
      throw new GraphUnreachableError(cause)
    }
  }

  #serves(url: URL): boolean {
    return url.origin === this.#endpoint.origin && url.pathname.startsWith(this.#endpoint.pathname)
  }
}

/**
 * The client recognises an absolute URL handed to `client.api()` (as PageIterator and our own paging
 * do with `@odata.nextLink`) only when it starts with `https://`; an `http://` one, as the loopback
 * sandbox sends, is appended to the service root as if it were a path. This takes it back out.
 */
export function restoreAbsoluteLink(request: string, endpoint: URL): string {
  if (!request.startsWith(endpoint.href)) return request
  const nested = /^[^/?#]+\/(https?:\/\/.+)$/i.exec(request.slice(endpoint.href.length))
  return nested?.[1] ?? request
}
