import { randomUUID } from 'node:crypto'
import {
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware
} from '@microsoft/microsoft-graph-client'

export interface SandboxGraphClientOptions {
  /** The sandbox's base URL, `http://127.0.0.1:PORT/`; Graph lives under `v1.0/` there. */
  baseUrl: string
  /** Called before every request, so a test can swap or expire the token between calls. */
  accessToken: () => string | Promise<string>
  /** The library's RetryHandler settings; tests shorten them. Defaults are the library's (3 s, 3 retries). */
  retry?: { delaySeconds?: number; maxRetries?: number }
}

/**
 * Does for a loopback Graph what the library's stock handlers do only for `https` Graph hosts: it
 * attaches the bearer token and a `client-request-id`. It also undoes one quirk of the client: a
 * request path that is an absolute `http://` URL (an `@odata.nextLink` handed to `client.api()`, as
 * PageIterator does) is not recognised and gets appended to the base URL; the sandbox's own links are
 * restored here.
 */
export class LoopbackGraphMiddleware implements Middleware {
  private next: Middleware | undefined
  private readonly serviceRoot: string
  private readonly baseUrl: string
  private readonly accessToken: () => string | Promise<string>

  constructor(baseUrl: string, accessToken: () => string | Promise<string>) {
    this.baseUrl = baseUrl
    this.serviceRoot = `${baseUrl}v1.0/`
    this.accessToken = accessToken
  }

  async execute(context: Context): Promise<void> {
    if (typeof context.request === 'string' && context.request.startsWith(this.serviceRoot + this.baseUrl)) {
      context.request = context.request.slice(this.serviceRoot.length)
    }
    const token = await this.accessToken()
    setHeader(context, 'Authorization', `Bearer ${token}`)
    if (!hasHeader(context, 'client-request-id')) setHeader(context, 'client-request-id', randomUUID())
    if (!this.next) throw new Error('LoopbackGraphMiddleware needs a next middleware.')
    await this.next.execute(context)
  }

  setNext(next: Middleware): void {
    this.next = next
  }
}

function setHeader(context: Context, name: string, value: string): void {
  if (context.request instanceof Request) {
    context.request.headers.set(name, value)
    return
  }
  const options = (context.options ??= {})
  const headers = options.headers
  if (headers instanceof Headers) headers.set(name, value)
  else if (Array.isArray(headers)) headers.push([name, value])
  else options.headers = { ...headers, [name]: value }
}

function hasHeader(context: Context, name: string): boolean {
  if (context.request instanceof Request) return context.request.headers.has(name)
  const headers = context.options?.headers
  if (headers instanceof Headers) return headers.has(name)
  if (Array.isArray(headers)) return headers.some(([key]) => key.toLowerCase() === name)
  return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name)
}

/** A real Graph JS client v3 whose middleware chain works over loopback http against the sandbox. */
export function createSandboxGraphClient(options: SandboxGraphClientOptions): Client {
  const loopback = new LoopbackGraphMiddleware(options.baseUrl, options.accessToken)
  const retry = new RetryHandler(new RetryHandlerOptions(options.retry?.delaySeconds, options.retry?.maxRetries))
  const redirect = new RedirectHandler()
  const http = new HTTPMessageHandler()
  loopback.setNext(retry)
  retry.setNext(redirect)
  redirect.setNext(http)
  return Client.initWithMiddleware({ middleware: loopback, baseUrl: options.baseUrl, defaultVersion: 'v1.0' })
}
