import type { AccessTokenClaims } from '../tokens/access-tokens.ts'
import { holdsOneOf } from './graph-authorization.ts'
import type { GraphObject } from './graph-odata.ts'
import { graphPermissions } from './graph-permissions.ts'

/**
 * Graph's "limited information" rule: in a directoryObject collection, an object of a type the token
 * may not read comes back with its `@odata.type` and `id` only, instead of failing the whole call
 * ("Limited information returned for inaccessible member objects", the Important note on
 * user-list-transitivememberof and directoryobject-getbyids; announced on the Microsoft 365 Developer
 * blog, "Upcoming API changes to return limited information for inaccessible member resources", 2019).
 * So `User.Read` lists the signed-in user's directory roles, but without `roleTemplateId` or
 * `displayName`: reading roles takes one of directoryrole-list's permissions.
 */
export function directoryRoleAsSeenBy(claims: AccessTokenClaims, role: GraphObject): GraphObject {
  if (holdsOneOf(claims, graphPermissions.readDirectoryRoles)) return role
  return { '@odata.type': role['@odata.type'], id: role.id }
}
