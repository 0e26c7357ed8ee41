import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { answerHeaders, graphError, graphOk, type GraphAnswer } from './graph-answers.ts'
import type { GraphCall } from './graph-call.ts'
import { graphSegments } from './graph-router.ts'

/** Graph's documented limit of requests in one JSON batch (concepts/json-batching.md). */
export const batchLimit = 20

interface BatchStep {
  id: string
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
  dependsOn: string[]
}

type Parsed = { ok: true; steps: BatchStep[] } | { ok: false; answer: GraphAnswer }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseSteps(call: GraphCall, payload: unknown): Parsed {
  const invalid = (message: string): Parsed => ({ ok: false, answer: graphError(call.ids, 400, 'BadRequest', message) })
  if (!isRecord(payload) || !Array.isArray(payload.requests)) return invalid('Invalid batch payload format.')
  // The wording public reports quote for an oversized batch (microsoftgraph-postman-collections#9).
  if (payload.requests.length > batchLimit) return invalid('Number of requests inside batch exceeds the limit.')
  const steps: BatchStep[] = []
  for (const request of payload.requests) {
    if (!isRecord(request) || typeof request.id !== 'string' || typeof request.method !== 'string' || typeof request.url !== 'string') {
      return invalid('Invalid batch payload format.')
    }
    if (steps.some((step) => step.id === request.id)) return invalid(`Batch request contains a duplicate request id '${request.id}'.`)
    const headers = isRecord(request.headers) ? Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), String(v)])) : {}
    const dependsOn = Array.isArray(request.dependsOn) ? request.dependsOn.map(String) : []
    steps.push({ id: request.id, method: request.method.toUpperCase(), url: request.url, headers, body: request.body, dependsOn })
  }
  for (const step of steps) {
    const missing = step.dependsOn.find((id) => !steps.some((other) => other.id === id))
    if (missing !== undefined) return invalid(`Request '${step.id}' depends on request '${missing}', which is not in the batch.`)
  }
  return { ok: true, steps }
}

/** Turns one batched request into a call of its own: relative URL, the outer token, its own request id. */
function innerCall(outer: GraphCall, step: BatchStep): GraphCall | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(step.url)) return null
  // The JS client sends `/v1.0/me` (it strips only the host); Graph accepts that as well as `/me` and `me`.
  const relative = step.url.replace(/^\/+/, '').replace(/^v1\.0\//i, '')
  const url = new URL(relative, 'http://batch.invalid/')
  const headers: IncomingHttpHeaders = { ...step.headers, authorization: outer.headers.authorization }
  return {
    method: step.method,
    segments: graphSegments(url.pathname),
    query: url.searchParams,
    headers,
    body: step.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof step.body === 'string' ? step.body : JSON.stringify(step.body)),
    claims: outer.claims,
    ids: { requestId: randomUUID(), clientRequestId: step.headers['client-request-id'] ?? outer.ids.clientRequestId, date: outer.ids.date }
  }
}

/**
 * Runs a JSON batch: requests whose dependencies are done run next; one whose dependency failed
 * answers 424 Failed Dependency, as the json-batching doc says. The batch itself answers 200.
 */
export async function runBatch(call: GraphCall, payload: unknown, dispatch: (call: GraphCall) => Promise<GraphAnswer>): Promise<GraphAnswer> {
  const parsed = parseSteps(call, payload)
  if (!parsed.ok) return parsed.answer
  const statuses = new Map<string, number>()
  const responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }> = []
  let pending = parsed.steps
  while (pending.length > 0) {
    const ready = pending.filter((step) => step.dependsOn.every((id) => statuses.has(id)))
    if (ready.length === 0) return graphError(call.ids, 400, 'BadRequest', 'The batch contains a circular dependsOn chain.')
    for (const step of ready) {
      const failed = step.dependsOn.find((id) => (statuses.get(id) ?? 0) >= 400)
      const inner = innerCall(call, step)
      const answer =
        failed !== undefined
          ? graphError(call.ids, 424, 'FailedDependency', `The request depends on request '${failed}', which failed.`)
          : inner === null
            ? graphError(call.ids, 400, 'BadRequest', 'Invalid request URL')
            : await dispatch(inner)
      statuses.set(step.id, answer.status)
      responses.push({ id: step.id, status: answer.status, headers: answerHeaders(answer), ...(answer.body === undefined ? {} : { body: answer.body }) })
    }
    pending = pending.filter((step) => !ready.includes(step))
  }
  return graphOk({ responses })
}
