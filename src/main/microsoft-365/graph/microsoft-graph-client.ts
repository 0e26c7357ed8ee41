import { Client, HTTPMessageHandler, RedirectHandler, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client'
import { AttemptTimeLimit } from './attempt-time-limit.ts'
import { GraphEndpointMiddleware, type AccessTokenSource } from './graph-endpoint-middleware.ts'
import { refuseLongWaits } from './retry-after.ts'

export interface MicrosoftGraphClientOptions {
  /** The Graph service root without the version, with a trailing slash: `https://graph.microsoft.com/`, or the sandbox's `http://127.0.0.1:PORT/`. */
  graphEndpoint: string
  /** Asked before every request, so a token refreshed by MSAL in between is picked up. */
  accessToken: AccessTokenSource
  /**
   * The library's RetryHandler settings (default 3 s and 3 retries); tests shorten them. With
   * `longestWaitSeconds`, a Retry-After longer than that ends the retries at once.
   */
  retry?: { delaySeconds?: number; maxRetries?: number; longestWaitSeconds?: number }
  /** How long one attempt may wait for Graph's answer; 30 seconds unless a test says otherwise. */
  attemptTimeLimitMs?: number
}

const defaultAttemptTimeLimitMs = 30_000

/**
 * The real Microsoft Graph JS client v3, on a middleware chain of our own: the stock chain attaches
 * the token only to the `https` Graph hosts it knows (DESIGN.md), and the console also talks to a
 * configured endpoint and to the sandbox on loopback `http`. The library's RetryHandler (429, 503 and
 * 504, honouring Retry-After) and RedirectHandler (which drops the token on a redirect to another
 * host) stay as they are.
 */
export function createMicrosoftGraphClient(options: MicrosoftGraphClientOptions): Client {
  const endpoint = new URL(options.graphEndpoint.endsWith('/') ? options.graphEndpoint : `${options.graphEndpoint}/`).href
  const first = new GraphEndpointMiddleware(endpoint, options.accessToken)
  const longest = options.retry?.longestWaitSeconds
  const retry = new RetryHandler(
    new RetryHandlerOptions(options.retry?.delaySeconds, options.retry?.maxRetries, longest === undefined ? undefined : refuseLongWaits(longest))
  )
  const redirect = new RedirectHandler()
  const timeLimit = new AttemptTimeLimit(options.attemptTimeLimitMs ?? defaultAttemptTimeLimitMs)
  const http = new HTTPMessageHandler()
  first.setNext(retry)
  retry.setNext(redirect)
  redirect.setNext(timeLimit)
  timeLimit.setNext(http)
  return Client.initWithMiddleware({ middleware: first, baseUrl: endpoint, defaultVersion: 'v1.0' })
}
