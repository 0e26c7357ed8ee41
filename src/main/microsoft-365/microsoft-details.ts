import { GraphError } from '@microsoft/microsoft-graph-client'
import { isNoAnswerCode } from './no-answer-codes.ts'
import type { MicrosoftDetails } from '../../shared/microsoft-365.ts'
import { AccessTokenUnavailableError, GraphUnreachableError } from './graph/graph-client-errors.ts'

/**
 * What kind of trouble a call to Microsoft ran into, which decides what the admin is told:
 * - `network`: no answer at all (offline, DNS, a refused connection, a time limit);
 * - `throttled`: 429, Microsoft asks the console to slow down;
 * - `unavailable`: 5xx, the service is down or overloaded;
 * - `forbidden`: 401 or 403, the token lacks a permission, or the account a role;
 * - `accessToken`: the request was never sent, because the sign-in gave no token for it;
 * - `microsoft`: any other answer.
 * It is read from statuses and codes only: Microsoft's messages are for people and change wording.
 */
export type MicrosoftFailureKind = 'network' | 'throttled' | 'unavailable' | 'forbidden' | 'accessToken' | 'microsoft'

export interface MicrosoftFailure {
  kind: MicrosoftFailureKind
  /** The HTTP status, when Microsoft answered. */
  status: number | null
  details: MicrosoftDetails
}

export interface ErrorResponse {
  status: number
  headers: Headers
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown
}

/** The schema caps these at 200 characters; an Activity API code can carry a whole operation description. */
const maxDetailLength = 200

// Node's and undici's codes for a request that got no answer.
/** Anything the Graph client rejected with: a GraphError (Microsoft answered) or one of the chain's own errors. */
export function describeGraphFailure(error: unknown, now: () => Date = () => new Date()): MicrosoftFailure {
  if (error instanceof GraphUnreachableError) return describeFetchFailure(error.cause, now)
  if (error instanceof AccessTokenUnavailableError) return describeTokenFailure(error.cause, now)
  if (error instanceof GraphError) {
    // The client gives -1 when it has no response to take a status from.
    if (error.statusCode < 100) return { kind: 'network', status: null, details: details({ code: error.code }, now) }
    const inner = innerErrorOf(error.body)
    return {
      kind: kindOfStatus(error.statusCode),
      status: error.statusCode,
      details: details(
        {
          code: error.code,
          requestId: error.requestId ?? inner.requestId ?? error.headers?.get('request-id'),
          at: graphDate(inner.date)
        },
        now
      )
    }
  }
  return { kind: 'microsoft', status: null, details: details({ code: codeOf(error) }, now) }
}

/** A non-2xx answer read with fetch, such as the Management Activity API's `{"error":{"code","message"}}`. */
export function describeErrorResponse(response: ErrorResponse, now: () => Date = () => new Date()): MicrosoftFailure {
  const error = errorObjectOf(response.body)
  const inner = innerErrorOf(error?.innerError)
  return {
    kind: kindOfStatus(response.status),
    status: response.status,
    details: details(
      {
        code: typeof error?.code === 'string' ? error.code : undefined,
        requestId: inner.requestId ?? response.headers.get('request-id')
      },
      now
    )
  }
}

/** A fetch that rejected: it never got an answer. */
export function describeFetchFailure(error: unknown, now: () => Date = () => new Date()): MicrosoftFailure {
  return { kind: 'network', status: null, details: details({ code: noAnswerCode(error) }, now) }
}

/**
 * A token source that rejected. It is the caller's (MSAL's silent call), so its errors are not
 * Microsoft's answers: a token request that could not reach Microsoft is still a network problem for
 * the admin, and anything else is the sign-in's.
 */
export function describeTokenFailure(cause: unknown, now: () => Date = () => new Date()): MicrosoftFailure {
  const code = codeOf(cause)
  const network = isNoAnswerCode(code) || code === 'network' || code === 'network_error'
  return { kind: network ? 'network' : 'accessToken', status: null, details: details({ code }, now) }
}

function kindOfStatus(status: number): MicrosoftFailureKind {
  if (status === 429) return 'throttled'
  if (status >= 500) return 'unavailable'
  if (status === 401 || status === 403) return 'forbidden'
  return 'microsoft'
}

/** undici rejects with `TypeError('fetch failed')` and puts the system error in `cause` (an AggregateError for several addresses). */
function noAnswerCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    const code = codeOf(current)
    if (code !== undefined && isNoAnswerCode(code)) return code
    if (current instanceof Error && (current.name === 'TimeoutError' || current.name === 'AbortError')) return current.name
    if (current instanceof AggregateError) {
      const first = codeOf(current.errors[0])
      if (first !== undefined) return first
    }
    current = current instanceof Error ? current.cause : undefined
  }
  return codeOf(error)
}

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const fields = value as { code?: unknown; errorCode?: unknown }
  if (typeof fields.code === 'string' && fields.code.length > 0) return fields.code
  if (typeof fields.errorCode === 'string' && fields.errorCode.length > 0) return fields.errorCode
  return undefined
}

function errorObjectOf(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const error = (body as { error?: unknown }).error
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : undefined
}

/** GraphError keeps the error object as a JSON string in `body`; its `innerError` has the request-id and date. */
function innerErrorOf(value: unknown): { requestId?: string; date?: string } {
  let inner: unknown = value
  if (typeof value === 'string') {
    try {
      inner = (JSON.parse(value) as { innerError?: unknown }).innerError
    } catch {
      return {}
    }
  }
  if (typeof inner !== 'object' || inner === null) return {}
  const fields = inner as Record<string, unknown>
  const requestId = fields['request-id']
  const date = fields.date
  return {
    ...(typeof requestId === 'string' && requestId.length > 0 ? { requestId } : {}),
    ...(typeof date === 'string' ? { date } : {})
  }
}

/** Graph's `innerError.date` is UTC to the second without a zone (`2025-02-13T10:17:05`). */
function graphDate(date: string | undefined): string | undefined {
  if (date === undefined) return undefined
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(date) ? date : `${date}Z`
  const parsed = new Date(withZone)
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString()
}

function details(found: { code?: string | null | undefined; requestId?: string | null | undefined; at?: string | undefined }, now: () => Date): MicrosoftDetails {
  const code = clip(found.code)
  const requestId = clip(found.requestId)
  return {
    ...(code === undefined ? {} : { code }),
    ...(requestId === undefined ? {} : { requestId }),
    at: found.at ?? now().toISOString()
  }
}

function clip(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value.length === 0) return undefined
  return value.length > maxDetailLength ? value.slice(0, maxDetailLength) : value
}
