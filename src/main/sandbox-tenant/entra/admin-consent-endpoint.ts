import type { SandboxRequest, SandboxResponse } from '../http/sandbox-http.ts'
import { resolveAuthority } from './authority.ts'
import { answerApp } from './app-answer.ts'
import { redirectUriMismatch } from './authorize-endpoint.ts'
import { describeWithTrace, entraErrors, traceFor, type EntraError } from './entra-errors.ts'
import { signInErrorPage } from './error-pages.ts'
import { parseLoopbackRedirectUri } from './redirect-uri.ts'
import { resolveScopes } from './scope-resolution.ts'
import { showAccountPicker, type SignInDeps } from './sign-in-steps.ts'

/**
 * `GET /{tenant}/v2.0/adminconsent?client_id&scope&redirect_uri&state`: an administrator grants the
 * listed permissions for the whole organisation, and the app hears of it by a GET redirect
 * (fixtures/microsoft/entra.v2.adminconsent.*.txt). `scope` may name several resources.
 */
export function handleAdminConsent(deps: SignInDeps, request: SandboxRequest, tenantSegment: string): SandboxResponse {
  const { context } = deps
  const trace = traceFor(request, context.now())
  const page = (failure: EntraError) => signInErrorPage(failure, trace)
  const query = request.url.searchParams
  const authority = resolveAuthority(context.world, tenantSegment)
  if (!authority) return page(entraErrors.tenantNotFound(tenantSegment))
  const clientId = query.get('client_id')
  if (!clientId) return page(entraErrors.missingParameter('client_id'))
  if (clientId !== context.world.clientApplication.appId) return page(entraErrors.unknownClient(clientId, tenantSegment))
  const redirectUriSent = query.get('redirect_uri')
  if (!redirectUriSent) return page(entraErrors.missingParameter('redirect_uri'))
  const redirectUri = parseLoopbackRedirectUri(redirectUriSent)
  if (!redirectUri) return page(redirectUriMismatch(redirectUriSent, clientId))

  const state = query.get('state')
  const fail = (error: string, code: number, message: string) =>
    answerApp({ redirectUri, responseMode: 'query', state }, [
      ['error', error],
      ['error_description', describeWithTrace(code, message, trace)]
    ])
  const scopeParam = query.get('scope')
  if (!scopeParam?.trim()) return fail('invalid_request', 900144, "The request body must contain the following parameter: 'scope'.")
  const scopes = resolveScopes(scopeParam)
  if (scopes.unknown.length > 0) {
    return fail('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scopes.unknown.join(' ')} is not valid.`)
  }
  const flow = deps.flows.start({
    purpose: 'adminconsent',
    authority,
    clientId,
    redirectUri,
    redirectUriSent,
    responseMode: 'query',
    state,
    nonce: null,
    codeChallenge: null,
    scopeParam,
    scopes,
    prompt: 'consent',
    clientInfo: false,
    startUrl: `${request.url.pathname}${request.url.search}`
  })
  return showAccountPicker(deps, flow)
}
