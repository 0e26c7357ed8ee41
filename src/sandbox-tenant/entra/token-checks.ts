import { permissionValuesFor, asksDefault, tokenResource, type ScopeRequest } from './scope-resolution.ts'
import { entraErrors, type EntraError } from './entra-errors.ts'
import type { ResourceApi } from '../world/resource-apis.ts'
import type { UserRecord } from '../world/world-records.ts'
import type { SandboxContext } from '../sandbox-context.ts'
import { issueTokens } from './token-issuance.ts'
import type { GrantOutcome, TokenRequest } from './token-endpoint.ts'

export type GrantCheck = { ok: true; resource: ResourceApi; granted: string[] } | { ok: false; failure: EntraError }

/** A made-up Conditional Access policy ID for the claims challenge, fixed so that tests can read it. */
export const sandboxMfaPolicyId = '4f1e6d2a-9b3c-4e8f-a7d5-1c2b3a4d5e6f'

/**
 * What both grants check before issuing: that the app holds consent for every resource scope
 * asked for (`.default` needs at least one granted permission), and that a Conditional Access
 * policy requiring MFA is met by the sign-in the token descends from.
 */
export function checkGrant(
  context: SandboxContext,
  user: UserRecord,
  clientId: string,
  scopes: ScopeRequest,
  multifactor: boolean
): GrantCheck {
  const resource = tokenResource(scopes)
  const granted = context.world.grantedScopes(user.tenantId, user.id, clientId, resource.appId)
  const grantedLower = new Set(granted.map((scope) => scope.toLowerCase()))
  const wanted = scopes.scopes.length === 0 ? [] : permissionValuesFor(scopes, resource).filter((value) => !scopes.openId.includes(value))
  const missing = wanted.filter((value) => !grantedLower.has(value.toLowerCase()))
  const defaultUngranted = asksDefault(scopes, resource) && granted.length === 0
  if (missing.length > 0 || defaultUngranted) {
    return { ok: false, failure: entraErrors.consentRequired(clientId, context.world.clientApplication.displayName) }
  }
  if (user.mfaRequired && !multifactor) {
    return { ok: false, failure: entraErrors.mfaRequired(resource.appId, sandboxMfaPolicyId) }
  }
  return { ok: true, resource, granted }
}

/** The end both grants share: check consent and MFA, then issue. */
export function checkAndIssue(
  context: SandboxContext,
  request: TokenRequest,
  user: UserRecord,
  origin: { nonce: string | null; multifactor: boolean }
): GrantOutcome {
  const check = checkGrant(context, user, request.clientId, request.scopes, origin.multifactor)
  if (!check.ok) return check
  const issued = issueTokens(context, {
    user,
    clientId: request.clientId,
    scopes: request.scopes,
    resource: check.resource,
    granted: check.granted,
    nonce: origin.nonce,
    clientInfo: request.form.get('client_info') === '1',
    multifactor: origin.multifactor
  })
  return { ok: true, body: issued.body }
}
