import type { ManifestPermission, PermissionManifestView } from '../../shared/microsoft-365.ts'

/**
 * The delegated permissions this release of the console holds in a tenant, each the least privileged
 * one that Microsoft Graph's v1.0 reference lists for the calls it serves (DESIGN.md, "Least
 * privilege, call by call"). Reading the tenant-wide grant needs Directory.Read.All, and that one
 * permission also opens every other Graph read the console makes, so User.Read,
 * LicenseAssignment.Read.All, Application.Read.All and RoleManagement.Read.Directory would add nothing.
 * It also reads directory roles in full, which the Global Administrator check needs (Graph's
 * limited-information rule hides a role's template from User.Read alone).
 *
 * Bump `version` whenever a permission is added or removed: a heartbeat compares the tenant's grant
 * with this list, and a tenant missing one shows Connected (Additional setup required).
 */
export interface ManifestEntry extends ManifestPermission {
  /** Entra's permission (scope) ID, for admins who add it to their own registration by ID. */
  id: string
  /** The scope string a token request names, e.g. `https://graph.microsoft.com/Directory.Read.All`. */
  scopeOn: 'graph' | 'management'
  /** The calls it serves, as the README's table lists them. */
  calls: readonly string[]
}

export const permissionManifest = {
  version: '1',
  permissions: [
    {
      name: 'Directory.Read.All',
      id: '06da0dbc-49e2-44d2-8312-53f166ab848a',
      resource: 'Microsoft Graph',
      scopeOn: 'graph',
      purpose: 'Reads the tenant, its subscriptions, your directory roles and the console’s own tenant-wide grant.',
      calls: [
        'GET /me',
        'GET /organization',
        'GET /me/transitiveMemberOf/microsoft.graph.directoryRole',
        'GET /subscribedSkus',
        "GET /servicePrincipals(appId='…')",
        "GET /oauth2PermissionGrants?$filter=clientId eq '…'"
      ]
    },
    {
      name: 'ActivityFeed.Read',
      id: '594c1fb6-4f81-4475-ae41-0c394909246c',
      resource: 'Office 365 Management APIs',
      scopeOn: 'management',
      purpose: 'Checks that Microsoft 365 audit log recording is on.',
      calls: ['GET /api/v1.0/{tenant}/activity/feed/subscriptions/list']
    }
  ]
} as const satisfies { version: string; permissions: readonly ManifestEntry[] }

/**
 * Asked for only when the admin ticks "also remove the console's permissions" at disconnect, so the
 * standing grant never holds a write permission.
 */
export const grantRemovalPermission = {
  name: 'DelegatedPermissionGrant.ReadWrite.All',
  id: '41ce6ca6-6826-4807-84f1-1c82854f7ee5',
  resource: 'Microsoft Graph',
  scopeOn: 'graph',
  purpose: 'Removes the console’s tenant-wide grant, only when you ask for it at disconnect.',
  calls: ['DELETE /oauth2PermissionGrants/{id}']
} as const satisfies ManifestEntry

export function manifestView(): PermissionManifestView {
  return {
    version: permissionManifest.version,
    permissions: permissionManifest.permissions.map(({ name, resource, purpose }) => ({ name, resource, purpose }))
  }
}

/** The manifest's permissions on one resource, as the tenant-wide grant spells them. */
export function manifestPermissionsOn(scopeOn: 'graph' | 'management'): string[] {
  return permissionManifest.permissions.filter((permission) => permission.scopeOn === scopeOn).map(({ name }) => name)
}

/** Manifest permissions the grant lacks; Entra compares permission values case-insensitively. */
export function missingFromGrant(granted: readonly string[]): string[] {
  const have = new Set(granted.map((value) => value.toLowerCase()))
  return permissionManifest.permissions.map(({ name }) => name).filter((name) => !have.has(name.toLowerCase()))
}
