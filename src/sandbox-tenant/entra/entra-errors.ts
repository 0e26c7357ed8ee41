import { randomUUID } from 'node:crypto'
import { jsonResponse, type SandboxRequest, type SandboxResponse } from '../http/sandbox-http.ts'

/** One AADSTS error as the token endpoint reports it (fixtures/microsoft/entra.v2.token.*.error.json). */
export interface EntraError {
  error: string
  code: number
  /** The text after `AADSTSnnnnn: `, without the trace lines that Entra appends. */
  message: string
  suberror?: string
  /** A claims challenge, as Conditional Access sends it. */
  claims?: string
}

export interface EntraTrace {
  traceId: string
  correlationId: string
  timestamp: string
}

/** `2016-01-09 02:02:12Z`, the form Entra uses in `timestamp` and in the description's last line. */
export function entraTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z')
}

/** Entra echoes the client's `client-request-id` as the correlation ID, and makes one up otherwise. */
export function traceFor(request: SandboxRequest, now: number): EntraTrace {
  const sent = request.headers['client-request-id']
  const correlationId = typeof sent === 'string' && /^[0-9a-f-]{36}$/i.test(sent) ? sent : randomUUID()
  return { traceId: randomUUID(), correlationId, timestamp: entraTimestamp(now) }
}

export function describeWithTrace(code: number, message: string, trace: EntraTrace): string {
  return `AADSTS${code}: ${message}\r\nTrace ID: ${trace.traceId}\r\nCorrelation ID: ${trace.correlationId}\r\nTimestamp: ${trace.timestamp}`
}

export function entraErrorBody(failure: EntraError, trace: EntraTrace, baseUrl: string): Record<string, unknown> {
  return {
    error: failure.error,
    error_description: describeWithTrace(failure.code, failure.message, trace),
    error_codes: [failure.code],
    timestamp: trace.timestamp,
    trace_id: trace.traceId,
    correlation_id: trace.correlationId,
    error_uri: `${baseUrl}error?code=${failure.code}`,
    ...(failure.claims === undefined ? {} : { claims: failure.claims }),
    ...(failure.suberror === undefined ? {} : { suberror: failure.suberror })
  }
}

/** Headers Entra puts on every token endpoint answer; MSAL reads `x-ms-request-id`. */
export function entraJsonHeaders(trace: EntraTrace): Record<string, string> {
  return {
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'x-ms-request-id': trace.traceId,
    'client-request-id': trace.correlationId
  }
}

export function entraErrorResponse(
  failure: EntraError,
  request: SandboxRequest,
  context: { baseUrl: string; now(): number },
  status = failure.error === 'invalid_client' ? 401 : 400,
  headers: Record<string, string> = {}
): SandboxResponse {
  const trace = traceFor(request, context.now())
  return jsonResponse(status, entraErrorBody(failure, trace, context.baseUrl), { ...entraJsonHeaders(trace), ...headers })
}

/** The AADSTS errors the sandbox's Entra endpoints give, worded as Entra words them. */
export const entraErrors = {
  missingParameter: (name: string): EntraError => ({
    error: 'invalid_request',
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`
  }),
  postOnly: (method: string): EntraError => ({
    error: 'invalid_request',
    code: 900561,
    message: `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`
  }),
  tenantNotFound: (tenant: string): EntraError => ({
    error: 'invalid_request',
    code: 90002,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`
  }),
  unknownClient: (clientId: string, tenant: string): EntraError => ({
    error: 'unauthorized_client',
    code: 700016,
    message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`
  }),
  publicClientSecret: (): EntraError => ({
    error: 'invalid_client',
    code: 700025,
    message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."
  }),
  unsupportedGrantType: (grantType: string): EntraError => ({
    error: 'unsupported_grant_type',
    code: 70003,
    message: `The app requested an unsupported grant type '${grantType}'.`
  }),
  invalidScope: (scope: string): EntraError => ({
    error: 'invalid_scope',
    code: 70011,
    message: `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`
  }),
  moreThanOneResource: (scope: string): EntraError => ({
    error: 'invalid_scope',
    code: 28000,
    message: `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`
  }),
  invalidCode: (): EntraError => ({
    error: 'invalid_grant',
    code: 70000,
    message: "The provided value for the 'code' parameter is not valid."
  }),
  codeRedeemed: (): EntraError => ({
    error: 'invalid_grant',
    code: 54005,
    message: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'
  }),
  codeExpired: (): EntraError => ({
    error: 'invalid_grant',
    code: 70008,
    message: 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'
  }),
  replyAddressMismatch: (sent: string, expected: string): EntraError => ({
    error: 'invalid_grant',
    code: 500112,
    message: `The reply address '${sent}' does not match the reply address '${expected}' provided when requesting Authorization code.`
  }),
  codeVerifierMismatch: (): EntraError => ({
    error: 'invalid_grant',
    code: 501481,
    message: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'
  }),
  // AADSTS700005 InvalidGrantRedeemAgainstWrongTenant, in Microsoft's AADSTS table
  // (learn.microsoft.com/entra/identity-platform/reference-error-codes).
  codeForOtherTenant: (): EntraError => ({
    error: 'invalid_grant',
    code: 700005,
    message: 'Provided Authorization Code is intended to use against other tenant, thus rejected.'
  }),
  // Not in Microsoft's table; the code and wording are as clients quote Entra's answer when a refresh
  // token meets another tenant's token endpoint (BingAds/BingAds-Python-SDK#297, tarickb/sasl-xoauth2#80).
  grantForOtherTenant: (): EntraError => ({
    error: 'invalid_grant',
    code: 7000012,
    message: 'The grant was obtained for a different tenant.'
  }),
  invalidRefreshToken: (): EntraError => ({
    error: 'invalid_grant',
    code: 9002313,
    message: 'Invalid request. Request is malformed or invalid.'
  }),
  refreshTokenExpired: (issuedAt: number): EntraError => ({
    error: 'invalid_grant',
    code: 700082,
    message: `The refresh token has expired due to inactivity. The token was issued on ${new Date(issuedAt).toISOString()} and was inactive for 90.00:00:00.`,
    suberror: 'bad_token'
  }),
  refreshTokenRevoked: (issuedAt: number, validFrom: number): EntraError => ({
    error: 'invalid_grant',
    code: 50173,
    message: `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${new Date(issuedAt).toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${new Date(validFrom).toISOString()}'.`,
    suberror: 'bad_token'
  }),
  consentRequired: (clientId: string, clientName: string): EntraError => ({
    error: 'invalid_grant',
    code: 65001,
    message: `The user or administrator has not consented to use the application with ID '${clientId}' named '${clientName}'. Send an interactive authorization request for this user and resource.`,
    suberror: 'consent_required'
  }),
  mfaRequired: (resourceAppId: string, policyId: string): EntraError => ({
    error: 'interaction_required',
    code: 50076,
    message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resourceAppId}'.`,
    suberror: 'basic_action',
    claims: JSON.stringify({ access_token: { capolids: { essential: true, values: [policyId] } } })
  }),
  directoryUnavailable: (): EntraError => ({
    error: 'temporarily_unavailable',
    code: 90033,
    message: 'MsodsServiceUnavailable - The Microsoft Online Directory Service (MSODS) is not available.'
  }),
  requestBudgetExceeded: (): EntraError => ({
    error: 'temporarily_unavailable',
    code: 90024,
    message: 'RequestBudgetExceededError - A transient error has occurred. Try again.'
  }),
  serverError: (): EntraError => ({
    error: 'server_error',
    code: 50000,
    message: 'There was an error issuing a token or an issue with our sign-in service.'
  }),
  notAnEndpoint: (path: string): EntraError => ({
    error: 'invalid_request',
    code: 90023,
    message: `Invalid request. The path '${path}' is not an endpoint of the Microsoft identity platform.`
  })
} as const
