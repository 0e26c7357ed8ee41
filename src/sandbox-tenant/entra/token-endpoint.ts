import { readForm, jsonResponse, type SandboxRequest, type SandboxResponse } from '../http/sandbox-http.ts'
import { resolveAuthority, type Authority } from './authority.ts'
import { entraErrorResponse, entraErrors, entraJsonHeaders, traceFor, type EntraError } from './entra-errors.ts'
import { redeemAuthorizationCode } from './authorization-code-grant.ts'
import { redeemRefreshToken } from './refresh-token-grant.ts'
import { resolveScopes, type ScopeRequest } from './scope-resolution.ts'
import type { AuthorizationCodes } from './authorization-codes.ts'
import type { SandboxContext } from '../sandbox-context.ts'

/** What the two grants share: the codes from the sign-in pages. */
export interface TokenGrantState {
  codes: AuthorizationCodes
}

export interface TokenRequest {
  form: URLSearchParams
  authority: Authority
  clientId: string
  scopeParam: string
  scopes: ScopeRequest
}

export type GrantOutcome = { ok: true; body: Record<string, unknown> } | { ok: false; failure: EntraError }

/** `POST /{tenant}/oauth2/v2.0/token`: the checks every grant shares, then the grant itself. */
export function handleTokenRequest(
  context: SandboxContext,
  state: TokenGrantState,
  request: SandboxRequest,
  tenantSegment: string
): SandboxResponse {
  const fail = (failure: EntraError) => entraErrorResponse(failure, request, context)
  const authority = resolveAuthority(context.world, tenantSegment)
  if (!authority) return fail(entraErrors.tenantNotFound(tenantSegment))
  if (request.method !== 'POST') return fail(entraErrors.postOnly(request.method))
  const form = readForm(request)
  const grantType = form?.get('grant_type')
  if (!form || !grantType) return fail(entraErrors.missingParameter('grant_type'))
  const clientId = form.get('client_id')
  if (!clientId) return fail(entraErrors.missingParameter('client_id'))
  if (clientId !== context.world.clientApplication.appId) return fail(entraErrors.unknownClient(clientId, tenantSegment))
  if (form.has('client_secret') || form.has('client_assertion')) return fail(entraErrors.publicClientSecret())
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return fail(entraErrors.unsupportedGrantType(grantType))
  }
  const scopeParam = form.get('scope')
  if (!scopeParam?.trim()) return fail(entraErrors.missingParameter('scope'))
  const scopes = resolveScopes(scopeParam)
  if (scopes.unknown.length > 0) return fail(entraErrors.invalidScope(scopes.unknown.join(' ')))
  if (scopes.resources.length > 1) return fail(entraErrors.moreThanOneResource(scopeParam))

  const tokenRequest: TokenRequest = { form, authority, clientId, scopeParam, scopes }
  const outcome =
    grantType === 'authorization_code'
      ? redeemAuthorizationCode(context, state, tokenRequest)
      : redeemRefreshToken(context, tokenRequest)
  if (!outcome.ok) return fail(outcome.failure)
  const trace = traceFor(request, context.now())
  return jsonResponse(200, outcome.body, entraJsonHeaders(trace))
}
