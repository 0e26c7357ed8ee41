import { readForm, type SandboxRequest, type SandboxResponse } from '../http/sandbox-http.ts'
import { admits } from './authority.ts'
import { answerApp, type AppAddress } from './app-answer.ts'
import { assessConsent } from './consent-assessment.ts'
import { describeWithTrace, entraErrors, traceFor, type EntraError } from './entra-errors.ts'
import { signInErrorPage } from './error-pages.ts'
import { checkRegisteredApp, checkScopeParameter } from './sign-in-request.ts'
import { answerWithCode, continueAsUser, showAccountPicker, type SignInDeps } from './sign-in-steps.ts'
import type { ResponseMode } from './sign-in-flows.ts'

const responseModes: readonly ResponseMode[] = ['form_post', 'query', 'fragment']
const prompts = ['login', 'none', 'consent', 'select_account']

/**
 * `/{tenant}/oauth2/v2.0/authorize`. The client and the redirect URI are checked first, and a
 * failure there is shown on Entra's error page: an unvalidated redirect URI is never answered.
 * Every later failure goes back to the app, in the response mode it asked for.
 */
export function handleAuthorize(deps: SignInDeps, request: SandboxRequest, tenantSegment: string): SandboxResponse {
  const { context } = deps
  const trace = traceFor(request, context.now())
  const page = (failure: EntraError) => signInErrorPage(failure, trace)
  const query = request.method === 'POST' ? (readForm(request) ?? new URLSearchParams()) : request.url.searchParams

  const registered = checkRegisteredApp(context, query, tenantSegment)
  if (!registered.ok) return page(registered.failure)
  const { authority, clientId, redirectUri, redirectUriSent } = registered.app
  const responseModeSent = query.get('response_mode') ?? 'query'
  const responseMode = responseModes.find((mode) => mode === responseModeSent)
  if (!responseMode) {
    return page({ error: 'invalid_request', code: 90023, message: `Invalid request. The response_mode '${responseModeSent}' is not supported.` })
  }

  const address: AppAddress = { redirectUri, responseMode, state: query.get('state') }
  const fail = (error: string, code: number, message: string) =>
    answerApp(address, [
      ['error', error],
      ['error_description', describeWithTrace(code, message, trace)]
    ])
  const responseType = query.get('response_type')
  if (!responseType) return fail('invalid_request', 900144, "The request body must contain the following parameter: 'response_type'.")
  if (responseType !== 'code') {
    return fail('unsupported_response_type', 700054, `response_type '${responseType}' is not enabled for the application.`)
  }
  const scope = checkScopeParameter(query)
  if (!scope.ok) return fail(scope.error, scope.code, scope.message)
  const { scopeParam, scopes } = scope
  const codeChallenge = query.get('code_challenge')
  if (!codeChallenge) {
    return fail('invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.')
  }
  if (query.get('code_challenge_method') !== 'S256') return fail('invalid_request', 50149, 'Invalid Code_Challenge_method parameter.')
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    return fail('invalid_request', 501491, 'InvalidCodeChallengeMethodInvalidSize - Invalid size of Code_Challenge parameter.')
  }
  const prompt = query.get('prompt') || null
  if (prompt !== null && !prompts.includes(prompt)) {
    return fail('invalid_request', 90023, `Invalid request. The value '${prompt}' of the 'prompt' parameter is not supported.`)
  }

  const flow = deps.flows.start({
    purpose: 'authorize',
    authority,
    clientId,
    redirectUri,
    redirectUriSent,
    responseMode,
    state: address.state,
    nonce: query.get('nonce'),
    codeChallenge,
    scopeParam,
    scopes,
    prompt,
    clientInfo: query.get('client_info') === '1',
    startUrl: `${request.url.pathname}${request.url.search}`
  })

  if (prompt === 'none') {
    const sessionUser = context.world.users.get(deps.sessions.userOf(request) ?? '')
    if (!sessionUser || !admits(authority, sessionUser)) {
      deps.flows.finish(flow)
      return fail('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.')
    }
    if (assessConsent(context.world, flow, sessionUser).ungranted.length > 0) {
      deps.flows.finish(flow)
      return fail('consent_required', 65001, entraErrors.consentRequired(clientId, context.world.clientApplication.displayName).message)
    }
    return answerWithCode(deps, flow, sessionUser)
  }
  const hinted = context.world.findUserByName(query.get('login_hint') ?? '')
  if (hinted && prompt !== 'select_account' && prompt !== 'login') {
    const response = continueAsUser(deps, flow, hinted, request)
    response.headers['Set-Cookie'] = deps.sessions.signIn(hinted.id)
    return response
  }
  return showAccountPicker(deps, flow)
}
