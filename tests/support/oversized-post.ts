import { connect } from 'node:net'

export interface OversizedPostOutcome {
  /** The status line of the answer, e.g. `HTTP/1.1 413 Payload Too Large`. */
  statusLine: string
  /** Whether the server closed the connection after answering, rather than keeping it alive. */
  closedByServer: boolean
}

/**
 * Posts a body bigger than the server's limit over a raw socket, keeps the socket open from this side,
 * and reports whether the server hangs up. fetch would hide that: it pools and closes sockets itself.
 * `declareLength` false sends the body chunked, so the limit is hit while reading, not from the header.
 */
export function postOversizedBody(options: {
  port: number
  path: string
  headers: Record<string, string>
  bodyBytes: number
  declareLength: boolean
  waitMs?: number
}): Promise<OversizedPostOutcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(options.port, '127.0.0.1')
    let received = ''
    let settled = false
    const finish = (closedByServer: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ statusLine: received.split('\r\n')[0] ?? '', closedByServer })
    }
    const timer = setTimeout(() => finish(false), options.waitMs ?? 1500)
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => (received += chunk))
    socket.on('end', () => finish(true))
    socket.on('close', () => finish(true))
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer arrived is the server hanging up on the unread rest of the body.
      if (received.startsWith('HTTP/1.1') && error.code === 'ECONNRESET') finish(true)
      else if (!settled) reject(error)
    })
    const lengthHeader = options.declareLength ? `Content-Length: ${options.bodyBytes}` : 'Transfer-Encoding: chunked'
    const head = [`POST ${options.path} HTTP/1.1`, lengthHeader, ...Object.entries(options.headers).map(([name, value]) => `${name}: ${value}`)]
    socket.write(`${head.join('\r\n')}\r\n\r\n`)
    const body = Buffer.alloc(options.bodyBytes, 32)
    socket.write(options.declareLength ? body : Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n')]))
  })
}
