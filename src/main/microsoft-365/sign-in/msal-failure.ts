import { InteractionRequiredAuthError } from '@azure/msal-node'
import { isNoAnswerCode } from '../no-answer-codes.ts'
import type { MicrosoftDetails } from '../../../shared/microsoft-365.ts'
import type { SignInFailure, SilentTokenOutcome } from './microsoft-sign-in.ts'

/**
 * MSAL's errors, read by their `errorCode` and `subError` only: messages change between releases
 * and carry Microsoft's wording, which the page must never show. The message is read for nothing
 * but the AADSTS code and trace ID that support needs.
 */
interface MsalErrorFields {
  errorCode: string
  subError: string
  errorMessage: string
  correlationId: string
  traceId: string
}

/** The admin said no, or the tenant lets only an administrator consent (AADSTS65004, AADSTS90094). */
const declinedCodes = new Set(['access_denied', 'consent_required'])

/** The answer failed the client's own checks, so MSAL accepted nothing. */
const rejectedCodes = new Set([
  'state_mismatch',
  'invalid_state',
  'state_not_found',
  'nonce_mismatch',
  'hash_not_deserialized',
  'client_info_decoding_error',
  'client_info_empty_error',
  'token_parsing_error',
  'null_or_empty_token',
  'authorization_code_missing_from_server_response',
  'no_auth_code_in_response',
  'loopback_server_query_response_not_supported',
  'unable_to_load_redirectUrl'
])

const networkCodes = new Set(['network_error', 'no_network_connectivity', 'endpoints_resolution_error'])

/** Node's and undici's codes for a connection that never carried an answer, TLS included. */
const detailLimit = 200

export function signInFailureOf(error: unknown): SignInFailure {
  const fields = msalFields(error)
  const details = microsoftDetailsOf(error)
  if (isNetworkFailure(error)) return { ok: false, reason: 'network', details }
  if (fields && (declinedCodes.has(fields.errorCode) || fields.subError === 'consent_required')) return { ok: false, reason: 'declined', details }
  if (fields && rejectedCodes.has(fields.errorCode)) return { ok: false, reason: 'rejected', details }
  return { ok: false, reason: 'microsoft', details }
}

export function silentFailureOf(error: unknown): Extract<SilentTokenOutcome, { ok: false }> {
  const details = microsoftDetailsOf(error)
  if (error instanceof InteractionRequiredAuthError) return { ok: false, reason: 'interactionRequired', details }
  if (isNetworkFailure(error)) return { ok: false, reason: 'network', details }
  if (msalFields(error)?.errorCode === 'no_account_found') return { ok: false, reason: 'noAccount', details }
  return { ok: false, reason: 'microsoft', details }
}

/** The AADSTS code (or MSAL's code), and the ID that finds the request in Entra's sign-in logs. */
export function microsoftDetailsOf(error: unknown): MicrosoftDetails | null {
  const fields = msalFields(error)
  const code = fields ? (/AADSTS\d+/.exec(fields.errorMessage)?.[0] ?? fields.errorCode) : systemCodeOf(error)
  // Entra's trace_id is its request ID; MSAL's correlation ID also finds the sign-in, so it is the fallback.
  const requestId = fields ? fields.traceId || /Trace ID: ([0-9a-fA-F-]{36})/.exec(fields.errorMessage)?.[1] || fields.correlationId : ''
  const details: MicrosoftDetails = {
    ...(code ? { code: code.slice(0, detailLimit) } : {}),
    ...(requestId ? { requestId: requestId.slice(0, detailLimit) } : {})
  }
  return details.code || details.requestId ? details : null
}

function isNetworkFailure(error: unknown): boolean {
  const fields = msalFields(error)
  if (fields) return networkCodes.has(fields.errorCode)
  const code = systemCodeOf(error)
  return (code !== '' && isNoAnswerCode(code)) || (error instanceof Error && error.name === 'TimeoutError')
}

function msalFields(error: unknown): MsalErrorFields | null {
  if (typeof error !== 'object' || error === null || !('errorCode' in error) || typeof error.errorCode !== 'string') return null
  const text = (key: string): string => {
    const value: unknown = (error as Record<string, unknown>)[key]
    return typeof value === 'string' ? value : ''
  }
  return {
    errorCode: error.errorCode,
    subError: text('subError'),
    errorMessage: text('errorMessage'),
    correlationId: text('correlationId'),
    traceId: text('traceId')
  }
}

/** A Node system error's code, looked for along the `cause` chain, where fetch puts it. */
function systemCodeOf(error: unknown, depth = 0): string {
  if (typeof error !== 'object' || error === null || depth > 4) return ''
  if ('code' in error && typeof error.code === 'string') return error.code
  return 'cause' in error ? systemCodeOf(error.cause, depth + 1) : ''
}
