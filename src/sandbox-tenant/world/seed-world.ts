import { globalAdministrator } from './directory-roles.ts'
import { microsoftGraph, officeManagementApis } from './resource-apis.ts'
import { newObjectId } from './graph-object-ids.ts'
import { TenantWorld } from './tenant-world.ts'
import type { SubscriptionRecord } from './world-records.ts'
import { skuCatalog, type SkuKey } from './sku-catalog.ts'

/**
 * Fixed ids, so that the app's built-in sandbox and `npm run sandbox` print the same client ID
 * and tenant ID on every run, and a newcomer can configure them once.
 */
export const sandboxIds = {
  clientId: '5d3f1c2a-8e47-4b6a-9c1d-2f7e8a9b0c3d',
  publisherTenantId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  contosoTenantId: '7f2c9e14-3b8a-4d6f-a1e5-9c0b2d4f6a81',
  fabrikamTenantId: '2b6e8d40-1f3c-4a5e-b7d9-6c8a0e2f4b13'
} as const

export interface SeededAccount {
  userPrincipalName: string
  displayName: string
  tenantId: string
  tenantName: string
  description: string
}

export function seedTenantWorld(now: () => number): TenantWorld {
  const world = new TenantWorld(
    {
      appId: sandboxIds.clientId,
      displayName: 'Protection Console',
      publisherTenantId: sandboxIds.publisherTenantId,
      publisherName: 'Protection Console (sandbox publisher)',
      // The permissions README.md tells an administrator to add to their own registration: the
      // console's permission manifest (src/main/microsoft-365/permission-manifest.ts) plus the
      // OpenID Connect scopes. DelegatedPermissionGrant.ReadWrite.All is not among them, since the
      // console asks for it by name only at disconnect, and `.default` must never bring it in.
      configuredPermissions: {
        [microsoftGraph.appId]: ['openid', 'profile', 'offline_access', 'Directory.Read.All'],
        [officeManagementApis.appId]: ['ActivityFeed.Read']
      }
    },
    now
  )
  world.addTenant({
    id: sandboxIds.contosoTenantId,
    displayName: 'Contoso',
    defaultDomain: 'contoso.onmicrosoft.com',
    countryLetterCode: 'US',
    city: 'Redmond',
    createdDateTime: '2021-03-04T17:21:09Z',
    subscriptions: [subscription('businessPremium', 'Enabled', 25, 14)],
    auditLogEnabled: true
  })
  world.addTenant({
    id: sandboxIds.fabrikamTenantId,
    displayName: 'Fabrikam',
    defaultDomain: 'fabrikam.onmicrosoft.com',
    countryLetterCode: 'GB',
    city: 'London',
    createdDateTime: '2023-09-18T08:02:44Z',
    subscriptions: [subscription('f1', 'Enabled', 10, 3)],
    auditLogEnabled: false
  })
  world.addUser({
    id: 'c3a8f1d2-5b7e-4c9a-8d1f-3e6b9a2c4d70',
    tenantId: sandboxIds.contosoTenantId,
    userPrincipalName: 'MeganB@contoso.onmicrosoft.com',
    displayName: 'Megan Bowen',
    givenName: 'Megan',
    surname: 'Bowen',
    jobTitle: 'IT Administrator',
    roleTemplateIds: new Set([globalAdministrator.roleTemplateId]),
    tokensValidFrom: 0,
    refreshTokenRevocations: 0,
    mfaRequired: false
  })
  world.addUser({
    id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
    tenantId: sandboxIds.contosoTenantId,
    userPrincipalName: 'AdeleV@contoso.onmicrosoft.com',
    displayName: 'Adele Vance',
    givenName: 'Adele',
    surname: 'Vance',
    jobTitle: 'Retail Manager',
    roleTemplateIds: new Set(),
    tokensValidFrom: 0,
    refreshTokenRevocations: 0,
    mfaRequired: false
  })
  world.addUser({
    id: 'e4b2d6f8-0a1c-4e3b-9d5f-7a8c0b2e4d61',
    tenantId: sandboxIds.fabrikamTenantId,
    userPrincipalName: 'AlexW@fabrikam.onmicrosoft.com',
    displayName: 'Alex Wilber',
    givenName: 'Alex',
    surname: 'Wilber',
    jobTitle: 'Office Manager',
    roleTemplateIds: new Set([globalAdministrator.roleTemplateId]),
    tokensValidFrom: 0,
    refreshTokenRevocations: 0,
    mfaRequired: false
  })
  return world
}

export function describeSeededAccounts(world: TenantWorld): SeededAccount[] {
  return [...world.users.values()].map((user) => {
    const tenant = world.tenant(user.tenantId)
    const role = world.isGlobalAdministrator(user) ? 'Global Administrator' : 'no admin role'
    const plans = tenant?.subscriptions.map((s) => skuCatalog[s.sku].productName).join(', ') || 'no subscription'
    return {
      userPrincipalName: user.userPrincipalName,
      displayName: user.displayName,
      tenantId: user.tenantId,
      tenantName: tenant?.displayName ?? 'unknown tenant',
      description: `${role}; tenant ${tenant?.displayName ?? '?'} (${plans})`
    }
  })
}

export function subscription(
  sku: SkuKey,
  capabilityStatus: SubscriptionRecord['capabilityStatus'],
  units: number,
  consumedUnits: number
): SubscriptionRecord {
  const suspended = capabilityStatus === 'Suspended' || capabilityStatus === 'LockedOut'
  return {
    sku,
    subscriptionId: newObjectId(),
    capabilityStatus,
    enabledUnits: suspended ? 0 : units,
    suspendedUnits: suspended ? units : 0,
    consumedUnits
  }
}
