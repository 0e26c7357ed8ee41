import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * One request and its answer as they crossed the wire between the client and the proxy: the bytes
 * are what the client's socket carried (request line, headers, body and any chunk framing, both
 * ways), not a re-serialisation of what the proxy parsed.
 */
export interface ProxiedExchange {
  method: string
  path: string
  requestBytes: number
  responseBytes: number
  /** `performance.now()` when the request arrived, and when its whole answer had been handed to the socket. */
  arrivedAt: number
  answeredAt: number
}

/** A loopback stand-in for Microsoft's hosts that forwards to the sandbox and counts what passes. */
export interface CountingProxy {
  /** `http://127.0.0.1:PORT/`, with the trailing slash. */
  baseUrl: string
  /** How many Microsoft Graph requests (`/v1.0/…`) have arrived, counted before they are forwarded. */
  graphRequests(): number
  /** Every request's method and path, in order. */
  readonly seen: ReadonlyArray<{ method: string; path: string }>
  /** Every request that was answered, in the order the answers finished, with its bytes and times. */
  readonly exchanges: readonly ProxiedExchange[]
  /**
   * Holds every request that arrives from now on, unanswered, as a Microsoft that does not answer;
   * the function it returns lets them through.
   */
  hold(): () => void
  /** Stops listening and drops open connections: from now on its address refuses, as with no network. */
  close(): Promise<void>
}

// Hop-by-hop headers and those fetch sets by itself.
const notForwarded = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'accept-encoding'])

/** `port` 0 or absent picks a free one; a test that brings the network back names the port it had. */
export async function startCountingProxy(target: string, port = 0): Promise<CountingProxy> {
  const seen: Array<{ method: string; path: string }> = []
  const exchanges: ProxiedExchange[] = []
  const wire = new WireCounter()
  let held: Promise<void> = Promise.resolve()
  const server = createServer((request, response) => {
    const arrivedAt = performance.now()
    const method = request.method ?? 'GET'
    const { pathname } = new URL(request.url ?? '/', target)
    response.once('finish', () => {
      exchanges.push({ method, path: pathname, ...wire.since(request.socket), arrivedAt, answeredAt: performance.now() })
    })
    void forward(target, request, response, seen, held).catch(() => {
      response.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const address = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${address.port}/`,
    graphRequests: () => seen.filter(({ path }) => path === '/v1.0' || path.startsWith('/v1.0/')).length,
    seen,
    exchanges,
    hold: () => {
      let release: () => void = () => {}
      held = new Promise((resolve) => (release = resolve))
      return () => {
        held = Promise.resolve()
        release()
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/**
 * The bytes each keep-alive socket carried since its previous answer finished. Clients here do not
 * pipeline, so a socket's next request cannot arrive before the answer to the one before it has
 * been written: what the socket read and wrote in between belongs to one exchange.
 */
class WireCounter {
  readonly #marks = new WeakMap<Socket, { read: number; written: number }>()

  since(socket: Socket): { requestBytes: number; responseBytes: number } {
    const mark = this.#marks.get(socket) ?? { read: 0, written: 0 }
    const now = { read: socket.bytesRead, written: socket.bytesWritten }
    this.#marks.set(socket, now)
    return { requestBytes: now.read - mark.read, responseBytes: now.written - mark.written }
  }
}

async function forward(
  target: string,
  request: IncomingMessage,
  response: ServerResponse,
  seen: Array<{ method: string; path: string }>,
  held: Promise<void>
): Promise<void> {
  const url = new URL(request.url ?? '/', target)
  seen.push({ method: request.method ?? 'GET', path: url.pathname })
  await held
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (notForwarded.has(name) || value === undefined) continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const method = request.method ?? 'GET'
  const answer = await fetch(url, { method, headers, redirect: 'manual', ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }) })
  const body = Buffer.from(await answer.arrayBuffer())
  const outgoing: Record<string, string> = {}
  answer.headers.forEach((value, name) => {
    if (!notForwarded.has(name) && name !== 'content-encoding') outgoing[name] = value
  })
  response.writeHead(answer.status, outgoing)
  response.end(body)
}
