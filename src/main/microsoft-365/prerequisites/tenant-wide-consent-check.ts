import type { Client } from '@microsoft/microsoft-graph-client'
import type { ConnectFailure } from '../../../shared/microsoft-365.ts'
import { grantScopes, listPermissionGrants, type PermissionGrant } from '../graph/permission-grants.ts'
import { findServicePrincipal, resourceAppIds } from '../graph/service-principals.ts'
import { manifestPermissionsOn } from '../permission-manifest.ts'
import { listed, uniquePermissions } from '../permission-names.ts'
import { grantForOrganisation } from './consent-advice.ts'

/** The tenant-wide (AllPrincipals) grant's permissions, per resource, as Entra spells them. */
export interface TenantWideScopes {
  graph: string[]
  management: string[]
}

export type TenantWideConsentVerdict =
  /** The tenant has no service principal for the console: nobody consented to it there. */
  | { kind: 'noServicePrincipal' }
  /** No tenant-wide grant, but one for the admin alone: Accept without "Consent on behalf of your organization". */
  | { kind: 'forAdminOnly' }
  | { kind: 'notGranted' }
  /** A tenant-wide grant without some of the manifest's permissions. */
  | { kind: 'missing'; permissions: string[] }

export type TenantWideConsentOutcome = { ok: true; grantedPermissions: string[] } | { ok: false; failure: ConnectFailure }

/** The manifest's permissions that the tenant-wide grant lacks on their own resource; Entra compares values case-insensitively. */
export function missingTenantWidePermissions(granted: TenantWideScopes): string[] {
  const lacking = (resource: keyof TenantWideScopes) => {
    const have = new Set(granted[resource].map((value) => value.toLowerCase()))
    return manifestPermissionsOn(resource).filter((name) => !have.has(name.toLowerCase()))
  }
  return [...lacking('graph'), ...lacking('management')]
}

/** Each grant belongs to one resource; the console holds permissions on Microsoft Graph and on the Management APIs. */
export function tenantWideScopesOf(grants: readonly PermissionGrant[], resourceIds: { graph: string | null; management: string | null }): TenantWideScopes {
  const on = (resourceId: string | null) =>
    resourceId === null ? [] : uniquePermissions(grants.filter((grant) => grant.consentType === 'AllPrincipals' && grant.resourceId === resourceId).flatMap(grantScopes))
  return { graph: on(resourceIds.graph), management: on(resourceIds.management) }
}

export function tenantWideConsentFailure(verdict: TenantWideConsentVerdict): ConnectFailure {
  const failure = (title: string, fix: string): ConnectFailure => ({ kind: 'tenantWideConsent', title, fix, details: null })
  switch (verdict.kind) {
    case 'noServicePrincipal':
      return failure('Microsoft 365 has no record of the console’s app in this tenant, so the console holds no permissions there.', grantForOrganisation)
    case 'forAdminOnly':
      return failure(
        'The permissions were accepted for your account only, not for your whole organisation.',
        `That happens when Consent on behalf of your organization is left unticked. ${grantForOrganisation}`
      )
    case 'notGranted':
      return failure('The console’s permissions have not been granted for your organisation.', grantForOrganisation)
    case 'missing':
      return failure(`The console’s permissions for your organisation are missing ${listed(verdict.permissions)}.`, grantForOrganisation)
  }
}

/**
 * Every permission of the manifest must be in the tenant-wide grant, on its own resource: a grant
 * for the admin alone would let the console work while this admin is signed in and stop for anyone
 * else, and the heartbeat runs without them.
 */
export async function checkTenantWideConsent(graph: Client, options: { clientId: string; userId: string }): Promise<TenantWideConsentOutcome> {
  const consoleApp = await findServicePrincipal(graph, options.clientId)
  if (!consoleApp) return { ok: false, failure: tenantWideConsentFailure({ kind: 'noServicePrincipal' }) }
  const [graphResource, managementResource, tenantWide] = await Promise.all([
    findServicePrincipal(graph, resourceAppIds.microsoftGraph),
    findServicePrincipal(graph, resourceAppIds.officeManagementApis),
    listPermissionGrants(graph, { clientId: consoleApp.id, consentType: 'AllPrincipals' })
  ])
  const granted = tenantWideScopesOf(tenantWide, { graph: graphResource?.id ?? null, management: managementResource?.id ?? null })
  const missing = missingTenantWidePermissions(granted)
  if (missing.length === 0) return { ok: true, grantedPermissions: uniquePermissions([...granted.graph, ...granted.management]) }
  if (tenantWide.length > 0) return { ok: false, failure: tenantWideConsentFailure({ kind: 'missing', permissions: missing }) }
  const own = await listPermissionGrants(graph, { clientId: consoleApp.id, consentType: 'Principal', principalId: options.userId })
  return { ok: false, failure: tenantWideConsentFailure({ kind: own.length > 0 ? 'forAdminOnly' : 'notGranted' }) }
}
