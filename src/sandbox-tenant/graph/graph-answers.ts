import { randomUUID } from 'node:crypto'
import type { SandboxRequest, SandboxResponse } from '../http/sandbox-http.ts'

/** The ids and timestamp Graph puts in every answer's headers and in every error's `innerError`. */
export interface GraphRequestIds {
  requestId: string
  clientRequestId: string
  /** Graph's own format: UTC, to the second, without a zone suffix, e.g. `2025-02-13T10:17:05`. */
  date: string
}

/** What a Graph endpoint answers before it becomes HTTP: a status, a JSON body and extra headers. */
export interface GraphAnswer {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export function graphRequestIds(request: SandboxRequest, now: number): GraphRequestIds {
  const requestId = randomUUID()
  const sent = request.headers['client-request-id']
  const clientRequestId = typeof sent === 'string' && sent.length > 0 ? sent : requestId
  return { requestId, clientRequestId, date: new Date(now).toISOString().slice(0, 19) }
}

export function graphOk(body: unknown, status = 200): GraphAnswer {
  return { status, body }
}

/** Graph's documented error envelope (concepts/errors.md; fixtures graph.error.*.json, graph.batch.response.json). */
export function graphError(
  ids: GraphRequestIds,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {}
): GraphAnswer {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: { date: ids.date, 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId }
      }
    }
  }
}

const successContentType = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'

// Graph's front door reports where it served a request; clients log it, none parse it.
const agsDiagnostic = JSON.stringify({
  ServerInfo: { DataCenter: 'Sandbox', Slice: 'E', Ring: '1', ScaleUnit: '000', RoleInstance: 'SANDBOX-LOOPBACK' }
})

/** The headers Graph sets on an answer, as a batch response lists them per request. */
export function answerHeaders(answer: GraphAnswer): Record<string, string> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache' }
  if (answer.body !== undefined) {
    const success = answer.status < 300
    headers['Content-Type'] = success ? successContentType : 'application/json'
    if (success) headers['OData-Version'] = '4.0'
  }
  return { ...headers, ...answer.headers }
}

export function toSandboxResponse(answer: GraphAnswer, ids: GraphRequestIds): SandboxResponse {
  return {
    status: answer.status,
    headers: {
      ...answerHeaders(answer),
      'request-id': ids.requestId,
      'client-request-id': ids.clientRequestId,
      'x-ms-ags-diagnostic': agsDiagnostic,
      'Strict-Transport-Security': 'max-age=31536000'
    },
    body: answer.body === undefined ? undefined : JSON.stringify(answer.body)
  }
}
