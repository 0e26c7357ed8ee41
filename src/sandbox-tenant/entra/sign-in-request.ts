import { resolveAuthority, type Authority } from './authority.ts'
import { entraErrors, type EntraError } from './entra-errors.ts'
import { parseLoopbackRedirectUri } from './redirect-uri.ts'
import { resolveScopes, type ScopeRequest } from './scope-resolution.ts'
import type { SandboxContext } from '../sandbox-context.ts'

export interface RegisteredApp {
  authority: Authority
  clientId: string
  redirectUri: URL
  /** The redirect URI exactly as sent, which the token request must repeat. */
  redirectUriSent: string
}

/**
 * The checks both sign-in entry points make before they may answer the app at all: the authority,
 * the client and its redirect URI. A failure here goes on Entra's error page, never to an
 * unvalidated redirect URI.
 */
export function checkRegisteredApp(
  context: SandboxContext,
  query: URLSearchParams,
  tenantSegment: string
): { ok: true; app: RegisteredApp } | { ok: false; failure: EntraError } {
  const authority = resolveAuthority(context.world, tenantSegment)
  if (!authority) return { ok: false, failure: entraErrors.tenantNotFound(tenantSegment) }
  const clientId = query.get('client_id')
  if (!clientId) return { ok: false, failure: entraErrors.missingParameter('client_id') }
  if (clientId !== context.world.clientApplication.appId) {
    return { ok: false, failure: entraErrors.unknownClient(clientId, tenantSegment) }
  }
  const redirectUriSent = query.get('redirect_uri')
  if (!redirectUriSent) return { ok: false, failure: entraErrors.missingParameter('redirect_uri') }
  const redirectUri = parseLoopbackRedirectUri(redirectUriSent)
  if (!redirectUri) return { ok: false, failure: redirectUriMismatch(redirectUriSent, clientId) }
  return { ok: true, app: { authority, clientId, redirectUri, redirectUriSent } }
}

/** The `scope` parameter, resolved; the failure is what the app hears back. */
export function checkScopeParameter(
  query: URLSearchParams
): { ok: true; scopeParam: string; scopes: ScopeRequest } | { ok: false; error: string; code: number; message: string } {
  const scopeParam = query.get('scope')
  if (!scopeParam?.trim()) {
    return { ok: false, error: 'invalid_request', code: 900144, message: "The request body must contain the following parameter: 'scope'." }
  }
  const scopes = resolveScopes(scopeParam)
  if (scopes.unknown.length > 0) {
    const message = `The provided value for the input parameter 'scope' is not valid. The scope ${scopes.unknown.join(' ')} is not valid.`
    return { ok: false, error: 'invalid_scope', code: 70011, message }
  }
  return { ok: true, scopeParam, scopes }
}

export function redirectUriMismatch(redirectUri: string, clientId: string): EntraError {
  return {
    error: 'invalid_request',
    code: 50011,
    message: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`
  }
}
