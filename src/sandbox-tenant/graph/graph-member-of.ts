import { directoryRoleTemplates } from '../world/directory-roles.ts'
import { countSegmentAnswer } from './graph-advanced-query.ts'
import { graphError, type GraphAnswer } from './graph-answers.ts'
import type { GraphCall, GraphEnvironment, GraphRoute } from './graph-call.ts'
import { queryDirectoryCollection, type DirectoryCollection } from './graph-directory-query.ts'
import { directoryRoleAsSeenBy } from './graph-limited-information.ts'
import { collectionAnswer, type GraphObject } from './graph-odata.ts'
import { graphPermissions } from './graph-permissions.ts'
import { forSignedInUser, type SignedInUser } from './graph-signed-in-user.ts'

/** The activated directory roles a user holds, as directoryRole objects (fixture graph.batch.response.json). */
function directoryRolesOf({ user, tenant }: SignedInUser): GraphObject[] {
  return directoryRoleTemplates
    .filter((template) => user.roleTemplateIds.has(template.roleTemplateId))
    .map((template) => ({
      '@odata.type': '#microsoft.graph.directoryRole',
      id: tenant.directoryRoleIds.get(template.roleTemplateId) ?? template.roleTemplateId,
      deletedDateTime: null,
      description: template.description,
      displayName: template.displayName,
      roleTemplateId: template.roleTemplateId
    }))
}

const text = (value: unknown) => (typeof value === 'string' ? value : null)

/**
 * user-list-transitivememberof: `$filter`, `$orderby` and OData casts combined with them need the
 * advanced query parameters; `$search` works on displayName only. A bare cast needs neither, as
 * Microsoft's own clients call it (Azure CLI's `_directory_role_list` reads
 * `…/transitiveMemberOf/microsoft.graph.directoryRole` without the header).
 */
const memberships: DirectoryCollection<GraphObject> = {
  resource: 'DirectoryObject',
  advancedOnly: true,
  properties: {
    displayName: { read: (item) => text(item.displayName), filter: { eq: 'default', startsWith: 'default' }, orderBy: 'default', search: true },
    id: { read: (item) => text(item.id), filter: { eq: 'default' } }
  }
}

/** The types a cast on a user's memberships may name, with the entity set its `@odata.context` names. */
const membershipTypes: Readonly<Record<string, { odataType: string; entitySet: string }>> = {
  'microsoft.graph.directoryrole': { odataType: '#microsoft.graph.directoryRole', entitySet: 'directoryRoles' },
  'microsoft.graph.group': { odataType: '#microsoft.graph.group', entitySet: 'groups' },
  'microsoft.graph.administrativeunit': { odataType: '#microsoft.graph.administrativeUnit', entitySet: 'administrativeUnits' }
}

// Directory object types a user is never a member of: group-list-transitivemembers documents
// 400 Request_UnsupportedQuery for a cast to an unsupported member type (the message is the sandbox's own).
const nonMembershipTypes = new Set(['user', 'device', 'serviceprincipal', 'orgcontact', 'application'].map((name) => `microsoft.graph.${name}`))

type Cast = { entitySet: string; odataType: string | null } | GraphAnswer

function castOf(call: GraphCall, segment: string | null): Cast {
  if (segment === null) return { entitySet: 'directoryObjects', odataType: null }
  const known = membershipTypes[segment.toLowerCase()]
  if (known) return known
  if (nonMembershipTypes.has(segment.toLowerCase())) {
    return graphError(call.ids, 400, 'Request_UnsupportedQuery', `The OData cast '${segment}' names a type that is not a membership of a user.`)
  }
  return graphError(call.ids, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`)
}

function membershipsAnswer(environment: GraphEnvironment, call: GraphCall, signedIn: SignedInUser, segment: string | null, counting: boolean): GraphAnswer {
  const cast = castOf(call, segment)
  if ('status' in cast) return cast
  // Trimmed before the query runs, so that `$filter`, `$search`, `$orderby` and `$count` see only what
  // the token may read, and a count cannot tell which roles a filter on displayName hit. Graph's docs
  // describe only the trimmed objects; that a query on a hidden property matches nothing is the sandbox's reading.
  const seen = directoryRolesOf(signedIn)
    .filter((item) => cast.odataType === null || item['@odata.type'] === cast.odataType)
    .map((item) => directoryRoleAsSeenBy(call.claims, item))
  const query = queryDirectoryCollection(call, memberships, seen)
  if (!query.ok) return query.answer
  if (counting) return countSegmentAnswer(call, query.items.length)
  return collectionAnswer(environment, call, cast.entitySet, query.items, query.count)
}

/** `/me/transitiveMemberOf`, its OData casts, and their `$count` segments. */
export function memberOfRoutes(environment: GraphEnvironment): GraphRoute[] {
  const route = (pattern: string, counting: boolean): GraphRoute => ({
    method: 'GET',
    pattern,
    endpoint: {
      scopes: graphPermissions.readOwnMemberships,
      handle: (call, [cast = null]) => forSignedInUser(environment, (inner, signedIn) => membershipsAnswer(environment, inner, signedIn, cast, counting))(call)
    }
  })
  return [
    route('me/transitiveMemberOf', false),
    route('me/transitiveMemberOf/$count', true),
    route('me/transitiveMemberOf/{cast}', false),
    route('me/transitiveMemberOf/{cast}/$count', true)
  ]
}
