import { htmlResponse, redirectResponse, type SandboxRequest, type SandboxResponse, type SandboxServiceHandler } from '../http/sandbox-http.ts'
import { handleAdminConsent } from './admin-consent-endpoint.ts'
import { AuthorizationCodes } from './authorization-codes.ts'
import { handleAuthorize } from './authorize-endpoint.ts'
import { BrowserSessions } from './browser-sessions.ts'
import { instanceDiscovery, openIdConfiguration, signingKeys } from './discovery.ts'
import { entraErrorResponse, entraErrors, traceFor } from './entra-errors.ts'
import { errorLookupPage, signedOutPage, troublePage } from './error-pages.ts'
import { parseLoopbackRedirectUri } from './redirect-uri.ts'
import { SignInFlows } from './sign-in-flows.ts'
import { handleAccountChoice, handleConsentDecision, type SignInDeps } from './sign-in-steps.ts'
import { handleTokenRequest, type TokenGrantState } from './token-endpoint.ts'
import type { ServiceFault } from '../scenario/service-faults.ts'
import type { SandboxContext } from '../sandbox-context.ts'

/** Routes a browser sees, which answer faults with a page rather than JSON. */
const pageRoutes = new Set(['oauth2/v2.0/authorize', 'login', 'consent/set', 'v2.0/adminconsent', 'oauth2/v2.0/logout'])

/** Microsoft Entra ID's v2.0 endpoints, under `/{tenant}/…`. */
export function createEntraService(context: SandboxContext): SandboxServiceHandler {
  const codes = new AuthorizationCodes()
  const deps: SignInDeps = { context, flows: new SignInFlows(context.now), sessions: new BrowserSessions(context.now), codes }
  const tokenState: TokenGrantState = { codes }
  // A reset scenario starts from a world where nobody has signed in: no browser remembers a session,
  // and no half-finished sign-in or unredeemed code outlives it.
  context.resetHooks.push(() => {
    deps.sessions.clear()
    deps.flows.clear()
    codes.clear()
  })

  return {
    handle(request) {
      if (request.url.pathname === '/error') return errorLookupPage(request.url.searchParams.get('code') ?? '')
      const { tenant, route } = splitPath(request.url.pathname)
      switch (route.toLowerCase()) {
        case 'oauth2/v2.0/authorize':
          return handleAuthorize(deps, request, tenant)
        case 'oauth2/v2.0/token':
          context.traffic.tokenRequests += 1
          return handleTokenRequest(context, tokenState, request, tenant)
        case 'login':
          return request.method === 'POST' ? handleAccountChoice(deps, request) : notFound(request)
        case 'consent/set':
          return request.method === 'POST' ? handleConsentDecision(deps, request) : notFound(request)
        case 'v2.0/adminconsent':
          return handleAdminConsent(deps, request, tenant)
        case 'v2.0/.well-known/openid-configuration':
          return openIdConfiguration(context, request, tenant)
        case 'discovery/v2.0/keys':
          return signingKeys(context, request, tenant)
        case 'discovery/instance':
          return instanceDiscovery(context, request)
        case 'oauth2/v2.0/logout':
          return signOut(request)
        default:
          return notFound(request)
      }
    },
    faultResponse(fault, request) {
      return faultAnswer(fault, request)
    },
    internalErrorResponse(request) {
      if (isPage(request)) return troublePage(500, entraErrors.serverError(), traceFor(request, context.now()))
      return entraErrorResponse(entraErrors.serverError(), request, context, 500)
    }
  }

  function faultAnswer(fault: ServiceFault, request: SandboxRequest): SandboxResponse {
    const throttled = fault.kind === 'throttled'
    const status = throttled ? 429 : 503
    const failure = throttled ? entraErrors.requestBudgetExceeded() : entraErrors.directoryUnavailable()
    const retryAfter = fault.retryAfterSeconds
    const headers: Record<string, string> = retryAfter === null ? {} : { 'Retry-After': String(retryAfter) }
    if (isPage(request)) return troublePage(status, failure, traceFor(request, context.now()), headers)
    return entraErrorResponse(failure, request, context, status, headers)
  }

  function signOut(request: SandboxRequest): SandboxResponse {
    const cookie = deps.sessions.signOut(request)
    const after = parseLoopbackRedirectUri(request.url.searchParams.get('post_logout_redirect_uri'))
    if (after) return { ...redirectResponse(after.toString()), headers: { Location: after.toString(), 'Set-Cookie': cookie } }
    return signedOutPage({ 'Set-Cookie': cookie })
  }

  function notFound(request: SandboxRequest): SandboxResponse {
    if (isPage(request)) return htmlResponse(404, '<!DOCTYPE html><title>Not found</title><h1>We couldn’t find that page.</h1>')
    return entraErrorResponse(entraErrors.notAnEndpoint(request.url.pathname), request, context, 404)
  }
}

function splitPath(pathname: string): { tenant: string; route: string } {
  const [tenant = '', ...rest] = pathname.split('/').filter(Boolean)
  return { tenant: safeDecode(tenant), route: rest.join('/') }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function isPage(request: SandboxRequest): boolean {
  return pageRoutes.has(splitPath(request.url.pathname).route.toLowerCase())
}
