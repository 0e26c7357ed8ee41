import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { closeConnectionAfter } from '../../loopback-http/close-connection.ts'
import { readBodyWithin } from '../../loopback-http/read-body.ts'
import { jsonResponse, type SandboxRequest, type SandboxResponse } from './sandbox-http.ts'

export interface LoopbackServer {
  port: number
  close(): Promise<void>
}

export type LoopbackHandler = (request: SandboxRequest) => Promise<SandboxResponse>

const maxBodyBytes = 1024 * 1024

/**
 * The HTTP plumbing under the sandbox: 127.0.0.1 only, and only requests addressed to it by name,
 * so that a web page that rebinds its own host name to 127.0.0.1 cannot drive the sandbox. Bodies
 * are read whole, within a limit, before any service sees them, and nothing a handler throws ever
 * escapes as an unhandled rejection.
 */
export async function listenOnLoopback(port: number, handle: LoopbackHandler): Promise<LoopbackServer> {
  let hosts: ReadonlySet<string> = new Set()
  const server = createServer((incoming, outgoing) => {
    void answer(incoming, outgoing).catch(() => {
      if (!outgoing.headersSent) write(outgoing, refusal(500, 'InternalServerError', 'The sandbox failed to answer.'))
      else outgoing.destroy()
    })
  })

  async function answer(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    if (!hosts.has(String(incoming.headers.host ?? '').toLowerCase())) {
      write(outgoing, refusal(421, 'MisdirectedRequest', `The sandbox answers only ${[...hosts].join(' and ')}.`))
      return
    }
    const target = incoming.url ?? '/'
    if (!target.startsWith('/')) {
      write(outgoing, refusal(400, 'BadRequest', 'The request target must be a path.'))
      return
    }
    const reading = await readBodyWithin(incoming, maxBodyBytes)
    if (reading.kind === 'tooLarge') {
      closeConnectionAfter(outgoing)
      write(outgoing, refusal(413, 'RequestEntityTooLarge', `The request body is larger than ${maxBodyBytes} bytes.`))
      return
    }
    const request: SandboxRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      url: new URL(target, `http://127.0.0.1:${port}`),
      headers: incoming.headers,
      body: reading.body
    }
    write(outgoing, await handle(request))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function refusal(status: number, code: string, message: string): SandboxResponse {
  return jsonResponse(status, { error: { code, message } })
}

function write(outgoing: ServerResponse, response: SandboxResponse): void {
  outgoing.writeHead(response.status, {
    Date: new Date().toUTCString(),
    ...response.headers,
    ...(response.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(response.body)) })
  })
  outgoing.end(response.body)
}
