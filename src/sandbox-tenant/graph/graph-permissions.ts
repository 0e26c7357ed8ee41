/**
 * The delegated permissions each Graph call accepts, least privileged first, as the "Permissions"
 * tables of Microsoft Graph v1.0's reference list them (learn.microsoft.com/graph/api/…, and
 * microsoftgraph/microsoft-graph-docs-contrib, api-reference/v1.0/includes/permissions/*.md).
 * A token holding none of a call's permissions gets 403 Authorization_RequestDenied.
 * Only work or school accounts exist in the sandbox, so only the delegated rows apply.
 */
export const graphPermissions = {
  /** user-get: GET /me. */
  readSignedInUser: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  /** user-list-transitivememberof, "Permissions for the signed-in user's memberships". */
  readOwnMemberships: ['User.Read', 'Directory.Read.All', 'Directory.ReadWrite.All', 'Group.Read.All', 'GroupMember.Read.All', 'User.Read.All'],
  /** organization-list and organization-get. */
  readOrganization: ['User.Read', 'Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
  /** subscribedsku-list; pages before 2024 named Organization.Read.All the least privileged. */
  readSubscribedSkus: ['LicenseAssignment.Read.All', 'Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
  /** serviceprincipal-get and serviceprincipal-list. */
  readServicePrincipals: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  /**
   * oauth2permissiongrant-list, -get and serviceprincipal-list-oauth2permissiongrants. The reference
   * does not list DelegatedPermissionGrant.Read.All for these calls, so it does not open them.
   */
  readPermissionGrants: ['Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'],
  /** oauth2permissiongrant-delete. */
  deletePermissionGrant: ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'],
  /**
   * directoryrole-list and directoryrole-get. Inside a directoryObject collection such as
   * transitiveMemberOf, a token without one of these sees roles with limited information only.
   */
  readDirectoryRoles: ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All']
} as const satisfies Record<string, readonly string[]>

export type GraphPermissionSet = keyof typeof graphPermissions
