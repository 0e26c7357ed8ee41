import { readForm, type SandboxRequest, type SandboxResponse } from '../http/sandbox-http.ts'
import { admits } from './authority.ts'
import { answerApp } from './app-answer.ts'
import { assessConsent, recordAcceptedConsent } from './consent-assessment.ts'
import { describeWithTrace, entraErrors, traceFor, type EntraError } from './entra-errors.ts'
import { signInErrorPage } from './error-pages.ts'
import { accountPickerPage, needAdminApprovalPage, organisationConsentField, permissionsPage } from './sign-in-pages.ts'
import { clientInfo } from './token-issuance.ts'
import type { AuthorizationCodes } from './authorization-codes.ts'
import type { BrowserSessions } from './browser-sessions.ts'
import type { SignInFlow, SignInFlows } from './sign-in-flows.ts'
import type { SandboxContext } from '../sandbox-context.ts'
import type { UserRecord } from '../world/world-records.ts'

export interface SignInDeps {
  context: SandboxContext
  flows: SignInFlows
  sessions: BrowserSessions
  codes: AuthorizationCodes
}

export function showAccountPicker(deps: SignInDeps, flow: SignInFlow): SandboxResponse {
  return accountPickerPage(flow.authority.segment, flow.flowToken, [...deps.context.world.users.values()])
}

/** `POST /{tenant}/login`: the account picked on "Pick an account". */
export function handleAccountChoice(deps: SignInDeps, request: SandboxRequest): SandboxResponse {
  const form = readForm(request)
  const flow = deps.flows.find(form?.get('flowToken') ?? null)
  if (!flow) return expiredFlowPage(deps, request)
  const user = deps.context.world.findUserByName(form?.get('login') ?? '')
  if (!user) return showAccountPicker(deps, flow)
  const response = continueAsUser(deps, flow, user, request)
  response.headers['Set-Cookie'] = deps.sessions.signIn(user.id)
  return response
}

/**
 * After the account is known: a tenant's own authority admits only its users (AADSTS50020); then
 * the permissions page, "Need admin approval", or straight back to the app when all is granted.
 */
export function continueAsUser(deps: SignInDeps, flow: SignInFlow, user: UserRecord, request: SandboxRequest): SandboxResponse {
  const { world } = deps.context
  if (!admits(flow.authority, user)) {
    const tenant = flow.authority.kind === 'tenant' ? flow.authority.tenant.displayName : flow.authority.segment
    const failure: EntraError = {
      error: 'access_denied',
      code: 50020,
      message: `User account '${user.userPrincipalName}' from identity provider 'https://sts.windows.net/${user.tenantId}/' does not exist in tenant '${tenant}' and cannot access the application '${flow.clientId}'(${world.clientApplication.displayName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`
    }
    return signInErrorPage(failure, traceFor(request, deps.context.now()), flow.startUrl)
  }
  flow.userId = user.id
  const assessment = assessConsent(world, flow, user)
  const isAdminConsent = flow.purpose === 'adminconsent'
  if (isAdminConsent ? !assessment.canConsentForOrganisation : assessment.needsAdministrator.length > 0) {
    const lines = isAdminConsent ? assessment.requested : assessment.needsAdministrator
    return needAdminApprovalPage(flow.authority.segment, flow.flowToken, world.clientApplication.displayName, lines, flow.startUrl)
  }
  const mustAsk = isAdminConsent || flow.prompt === 'consent' || assessment.ungranted.length > 0
  if (!mustAsk) return answerWithCode(deps, flow, user)
  const tenant = world.tenant(user.tenantId)
  return permissionsPage({
    tenantSegment: flow.authority.segment,
    flowToken: flow.flowToken,
    user,
    appName: world.clientApplication.displayName,
    publisherName: world.clientApplication.publisherName,
    permissions: assessment.requested,
    consentFor: isAdminConsent ? 'organisation' : assessment.canConsentForOrganisation ? 'choice' : 'self',
    organisationName: tenant?.displayName ?? user.tenantId
  })
}

/** `POST /{tenant}/Consent/Set`: Accept, Cancel, or return from "Need admin approval". */
export function handleConsentDecision(deps: SignInDeps, request: SandboxRequest): SandboxResponse {
  const form = readForm(request)
  const flow = deps.flows.find(form?.get('flowToken') ?? null)
  const user = flow?.userId ? deps.context.world.users.get(flow.userId) : undefined
  if (!flow || !user) return expiredFlowPage(deps, request)
  const decision = form?.get('decision')
  const trace = traceFor(request, deps.context.now())
  if (decision === 'accept') {
    const assessment = assessConsent(deps.context.world, flow, user)
    const allowed = flow.purpose === 'adminconsent' ? assessment.canConsentForOrganisation : assessment.needsAdministrator.length === 0
    if (!allowed) return continueAsUser(deps, flow, user, request)
    // A forged checkbox from an account that cannot consent for the organisation changes nothing.
    const ticked = form?.get(organisationConsentField) === 'true' && assessment.canConsentForOrganisation
    recordAcceptedConsent(deps.context.world, flow, user, flow.purpose === 'adminconsent' || ticked)
    if (flow.purpose === 'authorize') return answerWithCode(deps, flow, user)
    deps.flows.finish(flow)
    return answerApp(flow, [
      ['admin_consent', 'True'],
      ['tenant', user.tenantId],
      ['scope', flow.scopeParam]
    ])
  }
  deps.flows.finish(flow)
  if (decision === 'return') {
    const description = describeWithTrace(90094, 'The grant requires admin permission.', trace)
    return answerApp(flow, [
      ['error', 'access_denied'],
      ['error_description', description]
    ])
  }
  const declined = describeWithTrace(65004, 'The resource owner or authorization server denied the request.', trace)
  if (flow.purpose === 'adminconsent') {
    return answerApp(flow, [
      ['admin_consent', 'True'],
      ['error', 'consent_required'],
      ['error_description', declined]
    ])
  }
  return answerApp(flow, [
    ['error', 'access_denied'],
    ['error_subcode', 'cancel'],
    ['error_description', declined]
  ])
}

/** Issues the single-use code and answers the app with it. */
export function answerWithCode(deps: SignInDeps, flow: SignInFlow, user: UserRecord): SandboxResponse {
  const now = deps.context.now()
  const code = deps.codes.issue({
    clientId: flow.clientId,
    redirectUri: flow.redirectUriSent,
    codeChallenge: flow.codeChallenge,
    tenantId: user.tenantId,
    userId: user.id,
    nonce: flow.nonce,
    // The sandbox's pages stand in for the whole sign-in, MFA included when a policy asks for it.
    multifactor: user.mfaRequired,
    issuedAt: now,
    expiresAt: now + deps.context.tokenLifetimes.authorizationCodeSeconds * 1000
  })
  deps.flows.finish(flow)
  const fields: Array<[string, string]> = [['code', code]]
  if (flow.clientInfo) fields.push(['client_info', clientInfo(user)])
  return answerApp(flow, fields)
}

function expiredFlowPage(deps: SignInDeps, request: SandboxRequest): SandboxResponse {
  const failure: EntraError = {
    ...entraErrors.missingParameter('flowToken'),
    code: 50089,
    message: 'Authentication failed due to flow token expired. Expected - auth codes, refresh tokens, and sessions expire over time or are revoked by the user or an admin. The app will request a new login from the user.'
  }
  return signInErrorPage(failure, traceFor(request, deps.context.now()))
}
