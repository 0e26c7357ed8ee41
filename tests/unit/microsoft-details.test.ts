import { GraphError } from '@microsoft/microsoft-graph-client'
import { describe, expect, it } from 'vitest'
import { microsoftDetailsSchema } from '../../src/shared/microsoft-365.ts'
import { AccessTokenUnavailableError, GraphUnreachableError } from '../../src/main/microsoft-365/graph/graph-client-errors.ts'
import {
  describeErrorResponse,
  describeFetchFailure,
  describeGraphFailure,
  describeTokenFailure,
  type MicrosoftFailure
} from '../../src/main/microsoft-365/microsoft-details.ts'
import { readFixtureJson } from '../support/microsoft-fixtures.ts'

const now = () => new Date('2025-06-01T12:00:00.000Z')

/** A GraphError as the client builds one from Graph's error body (GraphErrorHandler.constructErrorFromResponse). */
function graphErrorFrom(status: number, body: unknown, headers: Record<string, string> = {}): GraphError {
  const error = (body as { error: { code: string; message: string; innerError?: Record<string, string> } }).error
  const graphError = new GraphError(status, error.message)
  graphError.code = error.code
  if (error.innerError) graphError.requestId = error.innerError['request-id'] ?? null
  graphError.body = JSON.stringify(error)
  graphError.headers = new Headers(headers)
  return graphError
}

function expectSchema(failure: MicrosoftFailure): MicrosoftFailure {
  expect(microsoftDetailsSchema.safeParse(failure.details).success).toBe(true)
  return failure
}

describe('describeGraphFailure', () => {
  it('reads the code, the request-id and Graph’s zone-less UTC date from Microsoft’s throttling example', () => {
    const failure = describeGraphFailure(graphErrorFrom(429, readFixtureJson('graph.throttling.429.json')), now)
    expect(expectSchema(failure)).toEqual({
      kind: 'throttled',
      status: 429,
      details: { code: 'TooManyRequests', requestId: '94fb3b52-452a-4535-a601-69e0a90e3aa2', at: '2020-08-18T12:51:51.000Z' }
    })
  })

  it('leaves out what an error does not carry, and falls back to the time it was seen for a date it cannot read', () => {
    // graph.error.example.json has placeholders: "request-id" and "date-time".
    const failure = describeGraphFailure(graphErrorFrom(400, readFixtureJson('graph.error.example.json')), now)
    expect(expectSchema(failure)).toEqual({ kind: 'microsoft', status: 400, details: { code: 'badRequest', requestId: 'request-id', at: now().toISOString() } })
  })

  it('takes the request-id from the answer’s header when the body has none', () => {
    const error = graphErrorFrom(404, { error: { code: 'Request_ResourceNotFound', message: 'gone' } }, { 'request-id': 'from-the-header' })
    expect(describeGraphFailure(error, now).details.requestId).toBe('from-the-header')
  })

  it.each([
    [401, 'forbidden'],
    [403, 'forbidden'],
    [404, 'microsoft'],
    [400, 'microsoft'],
    [429, 'throttled'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable']
  ] as const)('classifies status %i as %s, whatever the message says', (status, kind) => {
    const error = graphErrorFrom(status, { error: { code: 'anything', message: 'Please retry later: the network is unreachable.' } })
    expect(describeGraphFailure(error, now).kind).toBe(kind)
  })

  it('drops an empty code, as Graph sends inside a $batch', () => {
    const batch = readFixtureJson('graph.batch.response.json') as { responses: Array<{ status: number; body: unknown }> }
    const second = batch.responses[1]
    if (!second) throw new Error('fixture changed')
    const failure = describeGraphFailure(graphErrorFrom(second.status, second.body), now)
    expect(failure.details).toEqual({ requestId: '93b6f17e-c05d-4f45-ad2a-6665c708d8a0', at: '2025-02-13T10:17:05.000Z' })
  })

  it('calls a GraphError without a response (status -1) a network failure', () => {
    expect(describeGraphFailure(new GraphError(-1, 'fetch failed'), now).kind).toBe('network')
  })

  it('reads the system error code through GraphUnreachableError, fetch’s TypeError and undici’s AggregateError', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:443'), { code: 'ECONNREFUSED' })]), { code: 'ECONNREFUSED' })
    })
    expect(describeGraphFailure(new GraphUnreachableError(refused), now)).toEqual({ kind: 'network', status: null, details: { code: 'ECONNREFUSED', at: now().toISOString() } })
    const dns = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND graph.microsoft.com'), { code: 'ENOTFOUND' }) })
    expect(describeGraphFailure(new GraphUnreachableError(dns), now).details.code).toBe('ENOTFOUND')
  })

  it('calls a token the sign-in could not give an accessToken failure, unless it failed for want of a network', () => {
    const interaction = Object.assign(new Error('no token'), { code: 'interactionRequired' })
    expect(describeGraphFailure(new AccessTokenUnavailableError(interaction), now)).toMatchObject({ kind: 'accessToken', details: { code: 'interactionRequired' } })
    const msalNetwork = Object.assign(new Error('no token'), { errorCode: 'network_error' })
    expect(describeGraphFailure(new AccessTokenUnavailableError(msalNetwork), now).kind).toBe('network')
    expect(describeTokenFailure(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }), now).kind).toBe('network')
  })

  it('calls anything else a microsoft failure without inventing details', () => {
    expect(describeGraphFailure(new Error('something odd'), now)).toEqual({ kind: 'microsoft', status: null, details: { at: now().toISOString() } })
    expect(describeGraphFailure('a string', now).kind).toBe('microsoft')
  })
})

describe('describeErrorResponse, for the Management Activity API', () => {
  it('reads AF50000 from Microsoft’s sample error body as unavailable', () => {
    const failure = describeErrorResponse({ status: 500, headers: new Headers(), body: readFixtureJson('o365mgmt.error.AF50000.json') }, now)
    expect(expectSchema(failure)).toEqual({ kind: 'unavailable', status: 500, details: { code: 'AF50000', at: now().toISOString() } })
  })

  it('treats AF429 as throttled by its status, and a 403 as forbidden', () => {
    const body = { error: { code: 'AF429', message: 'Too many requests. Method=GetBlob, PublisherId=00000000-0000-0000-0000-000000000000' } }
    expect(describeErrorResponse({ status: 429, headers: new Headers(), body }, now).kind).toBe('throttled')
    // The troubleshooting guide shows AF429 arriving with a 403 (o365mgmt.troubleshooting.AF429-403.txt).
    expect(describeErrorResponse({ status: 403, headers: new Headers(), body }, now).kind).toBe('forbidden')
  })

  it('clips a code longer than the contract allows, and reads a request-id header', () => {
    const code = `ListSubscriptions [CorrId=${'a'.repeat(300)}]`
    const failure = describeErrorResponse({ status: 400, headers: new Headers({ 'request-id': 'rid' }), body: { error: { code, message: 'm' } } }, now)
    expect(failure.details.code).toHaveLength(200)
    expect(failure.details.requestId).toBe('rid')
    expect(expectSchema(failure).kind).toBe('microsoft')
  })

  it('copes with a body that is not an error object', () => {
    expect(describeErrorResponse({ status: 502, headers: new Headers(), body: undefined }, now)).toEqual({
      kind: 'unavailable',
      status: 502,
      details: { at: now().toISOString() }
    })
  })
})

describe('describeFetchFailure', () => {
  it('names a time limit by its DOMException name', () => {
    const failure = describeFetchFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), now)
    expect(failure).toEqual({ kind: 'network', status: null, details: { code: 'TimeoutError', at: now().toISOString() } })
  })
})
