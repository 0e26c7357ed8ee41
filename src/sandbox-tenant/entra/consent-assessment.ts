import { findPermission, microsoftGraph, type ResourceApi } from '../world/resource-apis.ts'
import { asksDefault, permissionValuesFor } from './scope-resolution.ts'
import type { PermissionLine } from './sign-in-pages.ts'
import type { SignInFlow } from './sign-in-flows.ts'
import type { TenantWorld } from '../world/tenant-world.ts'
import type { UserRecord } from '../world/world-records.ts'

export interface ConsentAssessment {
  canConsentForOrganisation: boolean
  /** Every permission asked for: what a permissions page lists. */
  requested: PermissionLine[]
  /** Asked-for permissions the app does not hold yet for this user. */
  ungranted: PermissionLine[]
  /** Ungranted permissions that only an administrator may grant. */
  needsAdministrator: PermissionLine[]
}

interface Asked {
  api: ResourceApi
  value: string
}

/** What the sign-in must ask the user before the app gets a code (or the admin-consent redirect). */
export function assessConsent(world: TenantWorld, flow: SignInFlow, user: UserRecord): ConsentAssessment {
  const canConsentForOrganisation = world.canGrantTenantWideConsent(user)
  const requested: PermissionLine[] = []
  const ungranted: PermissionLine[] = []
  const needsAdministrator: PermissionLine[] = []
  for (const { api, value } of askedPermissions(world, flow)) {
    const permission = findPermission(api, value)
    if (!permission) continue
    const line = { resourceName: api.displayName, displayName: permission.adminConsentDisplayName, description: permission.adminConsentDescription }
    requested.push(line)
    const granted = world.grantedScopes(user.tenantId, user.id, flow.clientId, api.appId).map((scope) => scope.toLowerCase())
    if (granted.includes(value.toLowerCase())) continue
    ungranted.push(line)
    if (permission.adminConsentRequired && !canConsentForOrganisation) needsAdministrator.push(line)
  }
  return { canConsentForOrganisation, requested, ungranted, needsAdministrator }
}

/**
 * Records what the user accepted, per resource, since one sign-in may carry the scopes of two
 * resources (MSAL's `extraScopesToConsent`). `tenantWide` is the caller's decision (the admin's
 * checkbox, or the admin-consent endpoint). A grant for oneself still covers permissions that need
 * an administrator when the user is one, since administrators may consent to those for themselves.
 */
export function recordAcceptedConsent(world: TenantWorld, flow: SignInFlow, user: UserRecord, tenantWide: boolean): void {
  const isAdministrator = world.canGrantTenantWideConsent(user)
  const byResource = new Map<ResourceApi, string[]>()
  for (const { api, value } of askedPermissions(world, flow)) {
    const permission = findPermission(api, value)
    if (!permission || (permission.adminConsentRequired && !isAdministrator)) continue
    byResource.set(api, [...(byResource.get(api) ?? []), permission.value])
  }
  for (const [api, scopes] of byResource) {
    world.recordConsent({ tenantId: user.tenantId, userId: user.id, clientAppId: flow.clientId, resourceAppId: api.appId, scopes, tenantWide })
  }
}

/** What the sign-in asks for, per resource; `.default` stands for the registration's configured permissions. */
function askedPermissions(world: TenantWorld, flow: SignInFlow): Asked[] {
  const resources = [...flow.scopes.resources]
  if (flow.scopes.openId.length > 0 && !resources.includes(microsoftGraph)) resources.unshift(microsoftGraph)
  return resources.flatMap((api) => {
    const values = permissionValuesFor(flow.scopes, api)
    if (asksDefault(flow.scopes, api)) {
      for (const value of world.clientApplication.configuredPermissions[api.appId] ?? []) {
        if (!values.some((asked) => asked.toLowerCase() === value.toLowerCase())) values.push(value)
      }
    }
    return values.map((value) => ({ api, value }))
  })
}
