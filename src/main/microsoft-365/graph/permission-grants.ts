import type { Client } from '@microsoft/microsoft-graph-client'
import { z } from 'zod'
import { odataString, readCollection } from './graph-collection.ts'

/** One oauth2PermissionGrant as Graph returns it. */
export const permissionGrant = z.object({
  id: z.string().min(1),
  clientId: z.string(),
  consentType: z.string(),
  principalId: z.string().nullable().optional(),
  resourceId: z.string(),
  scope: z.string().nullable().optional()
})

/** One oauth2PermissionGrant: delegated permissions of one client on one resource, for everyone or for one user. */
export type PermissionGrant = z.infer<typeof permissionGrant>

export interface GrantQuery {
  /** The client's service principal object id (not its appId). */
  clientId: string
  consentType?: 'AllPrincipals' | 'Principal'
  /** With `Principal`: the one user the grant is for. */
  principalId?: string
}

/** The grants a client holds, narrowed by the `eq` filters oauth2PermissionGrant supports by default. */
export async function listPermissionGrants(graph: Client, query: GrantQuery): Promise<PermissionGrant[]> {
  return readCollection(graph, graph.api('/oauth2PermissionGrants').filter(permissionGrantFilter(query)), permissionGrant, permissionGrantsWhat)
}

/** The `$filter` that narrows `/oauth2PermissionGrants` to a query's grants. */
export function permissionGrantFilter(query: GrantQuery): string {
  const conditions = [`clientId eq ${odataString(query.clientId)}`]
  if (query.consentType) conditions.push(`consentType eq ${odataString(query.consentType)}`)
  if (query.principalId) conditions.push(`principalId eq ${odataString(query.principalId)}`)
  return conditions.join(' and ')
}

/** What an unreadable grant answer is said to be about. */
export const permissionGrantsWhat = 'the console’s permission grants'

/** A grant's permissions; Entra keeps them space-separated, sometimes with a leading space. */
export function grantScopes(grant: PermissionGrant): string[] {
  return (grant.scope ?? '').split(' ').filter((value) => value.length > 0)
}
