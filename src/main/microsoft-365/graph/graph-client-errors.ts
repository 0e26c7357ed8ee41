import { GraphClientError } from '@microsoft/microsoft-graph-client'

/**
 * The client passes a GraphClientError through unchanged, while it flattens any other error thrown
 * inside the middleware chain into a GraphError that keeps only `name` and `message`. Raising these
 * keeps what went wrong before Microsoft answered (the token, the network) and its cause.
 *
 * GraphClientError's constructor pins the prototype to its own, which would make `instanceof` fail
 * for a subclass; each constructor puts its own prototype back.
 */

/** The caller's token source failed, so the request was never sent. */
export class AccessTokenUnavailableError extends GraphClientError {
  override readonly cause: unknown

  constructor(cause: unknown) {
    super('No access token for Microsoft Graph.')
    Object.setPrototypeOf(this, new.target.prototype)
    this.name = 'AccessTokenUnavailableError'
    this.cause = cause
  }
}

/** The request got no answer at all: no network, DNS, TLS, a refused connection, or the attempt's time limit. */
export class GraphUnreachableError extends GraphClientError {
  override readonly cause: unknown

  constructor(cause: unknown) {
    super('Microsoft Graph could not be reached.')
    Object.setPrototypeOf(this, new.target.prototype)
    this.name = 'GraphUnreachableError'
    this.cause = cause
  }
}

/** A request for somewhere other than the configured Graph endpoint, which must never carry its token. */
export class ForeignGraphHostError extends GraphClientError {
  readonly origin: string

  constructor(origin: string) {
    super(`A Graph request for ${origin} was refused: it is not the configured Graph endpoint.`)
    Object.setPrototypeOf(this, new.target.prototype)
    this.name = 'ForeignGraphHostError'
    this.origin = origin
  }
}
