import type { SandboxRequest, SandboxResponse } from '../http/sandbox-http.ts'
import { answerApp } from './app-answer.ts'
import { describeWithTrace, traceFor, type EntraError } from './entra-errors.ts'
import { signInErrorPage } from './error-pages.ts'
import { checkRegisteredApp, checkScopeParameter } from './sign-in-request.ts'
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
  const registered = checkRegisteredApp(context, query, tenantSegment)
  if (!registered.ok) return page(registered.failure)
  const { authority, clientId, redirectUri, redirectUriSent } = registered.app

  const state = query.get('state')
  const fail = (error: string, code: number, message: string) =>
    answerApp({ redirectUri, responseMode: 'query', state }, [
      ['error', error],
      ['error_description', describeWithTrace(code, message, trace)]
    ])
  const scope = checkScopeParameter(query)
  if (!scope.ok) return fail(scope.error, scope.code, scope.message)
  const { scopeParam, scopes } = scope
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
