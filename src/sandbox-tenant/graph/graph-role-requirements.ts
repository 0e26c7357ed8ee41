import { cloudApplicationAdministrator, globalAdministrator, userAdministrator } from '../world/directory-roles.ts'
import type { UserRecord } from '../world/world-records.ts'

/** Built-in Microsoft Entra roles by template ID (entra-docs, role-based-access-control/permissions-reference.md). */
const builtInRoles = {
  'Global Administrator': globalAdministrator.roleTemplateId,
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'Directory Readers': '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  'Directory Writers': '9360feb5-f418-4baa-8175-e2a00bac4301',
  'Directory Synchronization Accounts': 'd29b2b05-8046-44ba-8758-1e26182fcf32',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Application Developer': 'cf1c38e5-3621-4004-a7cb-879624dced7c',
  'Cloud Application Administrator': cloudApplicationAdministrator.roleTemplateId,
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'User Administrator': userAdministrator.roleTemplateId
} as const

type BuiltInRole = keyof typeof builtInRoles

/**
 * Calls whose v1.0 reference page says that, for delegated access, the signed-in user must also be
 * assigned a supported Microsoft Entra role: the permission in the token is not enough on its own.
 * The pages list the least privileged roles; Global Administrator holds all of their permissions and
 * is accepted as well. Pages whose note applies only "where the signed-in user is acting on another
 * user" (subscribedsku-list, serviceprincipal-get) are not here: a member user reads those without a role.
 */
export const graphRoleRequirements = {
  /**
   * oauth2permissiongrant-list and oauth2permissiongrant-get (microsoft-graph-docs-contrib,
   * api-reference/v1.0/includes/rbac-for-apis/rbac-oauth2permissiongrant-apis-read.md).
   */
  readPermissionGrants: [
    'Global Reader',
    'Directory Readers',
    'Application Administrator',
    'Application Developer',
    'Cloud Application Administrator',
    'Directory Writers',
    'Privileged Role Administrator',
    'User Administrator',
    'Global Administrator'
  ],
  /** serviceprincipal-list-oauth2permissiongrants (rbac-oauth2permissiongrant-serviceprincipal-apis-read.md). */
  readServicePrincipalGrants: [
    'Directory Readers',
    'Global Reader',
    'Application Developer',
    'Directory Writers',
    'Cloud Application Administrator',
    'Application Administrator',
    'Privileged Role Administrator',
    'User Administrator',
    'Directory Synchronization Accounts',
    'Global Administrator'
  ]
} as const satisfies Record<string, readonly BuiltInRole[]>

/** Whether the user holds one of the roles a call supports. */
export function holdsSupportedRole(user: UserRecord | undefined, roles: readonly BuiltInRole[]): boolean {
  return user !== undefined && roles.some((role) => user.roleTemplateIds.has(builtInRoles[role]))
}
