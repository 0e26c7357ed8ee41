import { findPermission, type ResourceApi } from '../world/resource-apis.ts'
import { sandboxIds } from '../world/seed-world.ts'
import { splitScope, type TenantWorld } from '../world/tenant-world.ts'
import { ScenarioError } from './scenario-error.ts'

/** What the console's tenant-wide (AllPrincipals) grant holds on one resource in a tenant. */
export function tenantWideScopes(world: TenantWorld, tenantId: string, api: ResourceApi): string[] {
  const client = world.servicePrincipal(tenantId, sandboxIds.clientId)
  const resource = world.servicePrincipal(tenantId, api.appId)
  const grant = world
    .grantsOf(tenantId)
    .find((g) => g.consentType === 'AllPrincipals' && g.clientId === client?.id && g.resourceId === resource?.id)
  return grant ? splitScope(grant.scope) : []
}

/** Sets exactly what that grant holds; a permission the resource does not publish is refused before anything changes. */
export function setTenantWideScopes(world: TenantWorld, tenantId: string, api: ResourceApi, scopes: readonly string[]): void {
  for (const scope of scopes) {
    if (!findPermission(api, scope)) throw new ScenarioError(`${api.displayName} has no permission ${scope}.`)
  }
  world.setTenantWideScopes(tenantId, sandboxIds.clientId, api.appId, scopes)
}
