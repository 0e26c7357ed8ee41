import type { PermissionGrantRecord } from '../world/world-records.ts'
import { graphError } from './graph-answers.ts'
import { insufficientPrivileges } from './graph-authorization.ts'
import type { GraphCall, GraphEndpoint, GraphEnvironment, GraphRoute } from './graph-call.ts'
import { countSegmentAnswer } from './graph-advanced-query.ts'
import { queryDirectoryCollection, type DirectoryCollection } from './graph-directory-query.ts'
import { collectionAnswer, entityAnswer, type GraphObject } from './graph-odata.ts'
import { graphPermissions } from './graph-permissions.ts'
import { graphRoleRequirements, holdsSupportedRole } from './graph-role-requirements.ts'
import { resourceNotFound } from './graph-service-principals.ts'

function grantEntity(grant: PermissionGrantRecord): GraphObject {
  return {
    clientId: grant.clientId,
    consentType: grant.consentType,
    id: grant.id,
    principalId: grant.principalId,
    resourceId: grant.resourceId,
    scope: grant.scope
  }
}

/**
 * In a list, Entra's directory adds each grant's `@odata.id` on its internal v2 path (fixture
 * graph.oauth2PermissionGrants.list.json); the sandbox keeps that form on its own base URL.
 */
function listedGrant(environment: GraphEnvironment, grant: PermissionGrantRecord): GraphObject {
  return { '@odata.id': `${environment.baseUrl()}v2/${grant.tenantId}/oauth2PermissionGrants/${grant.id}`, ...grantEntity(grant) }
}

/**
 * oauth2PermissionGrant supports `eq` on clientId, consentType, principalId and resourceId by default
 * (oauth2permissiongrant-list; DESIGN.md's grant check filters on clientId and consentType), and so
 * `ne` and `not` as advanced queries. It has no `$orderby` or `$search` support.
 */
const permissionGrants: DirectoryCollection<PermissionGrantRecord> = {
  resource: 'OAuth2PermissionGrant',
  properties: {
    clientId: { read: (grant) => grant.clientId, filter: { eq: 'default' } },
    consentType: { read: (grant) => grant.consentType, filter: { eq: 'default' } },
    principalId: { read: (grant) => grant.principalId, filter: { eq: 'default' } },
    resourceId: { read: (grant) => grant.resourceId, filter: { eq: 'default' } }
  },
  // Graph's own wording for a grant property it cannot filter on (msgraph-sdk-powershell#1763).
  unsupportedFilter: (call, property) => graphError(call.ids, 400, 'Request_UnsupportedQuery', `Filter is invalid. ${property}`)
}

export function permissionGrantRoutes(environment: GraphEnvironment): GraphRoute[] {
  const { world } = environment
  const listAnswer = (call: GraphCall, grants: PermissionGrantRecord[]) => {
    const query = queryDirectoryCollection(call, permissionGrants, grants)
    if (!query.ok) return query.answer
    return collectionAnswer(environment, call, 'oauth2PermissionGrants', query.items.map((grant) => listedGrant(environment, grant)), query.count)
  }
  const findGrant = (call: GraphCall, id: string) => world.grantsOf(call.claims.tenantId).find((grant) => grant.id === id)
  const readGrants = graphPermissions.readPermissionGrants
  // Reading grants as a user also takes a supported Entra role (graph-role-requirements.ts).
  const withRole =
    (roles: Parameters<typeof holdsSupportedRole>[1], handle: GraphEndpoint['handle']): GraphEndpoint['handle'] =>
    (call, params) =>
      holdsSupportedRole(world.users.get(call.claims.userId), roles) ? handle(call, params) : insufficientPrivileges(call.ids)
  const grantRoles = graphRoleRequirements.readPermissionGrants
  return [
    {
      method: 'GET',
      pattern: 'oauth2PermissionGrants',
      endpoint: { scopes: readGrants, handle: withRole(grantRoles, (call) => listAnswer(call, world.grantsOf(call.claims.tenantId))) }
    },
    {
      method: 'GET',
      pattern: 'oauth2PermissionGrants/$count',
      endpoint: {
        scopes: readGrants,
        handle: withRole(grantRoles, (call) => {
          const query = queryDirectoryCollection(call, permissionGrants, world.grantsOf(call.claims.tenantId))
          return query.ok ? countSegmentAnswer(call, query.items.length) : query.answer
        })
      }
    },
    {
      method: 'GET',
      pattern: 'oauth2PermissionGrants/{id}',
      endpoint: {
        scopes: readGrants,
        handle: withRole(grantRoles, (call, [id = '']) => {
          const grant = findGrant(call, id)
          return grant ? entityAnswer(environment, call, 'oauth2PermissionGrants', grantEntity(grant)) : resourceNotFound(call, id)
        })
      }
    },
    {
      method: 'DELETE',
      pattern: 'oauth2PermissionGrants/{id}',
      endpoint: {
        scopes: graphPermissions.deletePermissionGrant,
        handle: (call, [id = '']) => {
          const user = world.users.get(call.claims.userId)
          // A delegated permission acts only within the signed-in user's own rights: removing consent
          // takes a role that may grant it.
          if (!user || !world.canGrantTenantWideConsent(user)) return insufficientPrivileges(call.ids)
          if (!world.deletePermissionGrant(call.claims.tenantId, id)) return resourceNotFound(call, id)
          return { status: 204 }
        }
      }
    },
    {
      method: 'GET',
      pattern: 'servicePrincipals/{id}/oauth2PermissionGrants',
      endpoint: {
        scopes: readGrants,
        handle: withRole(graphRoleRequirements.readServicePrincipalGrants, (call, [id = '']) => {
          const sp = world.servicePrincipalById(call.claims.tenantId, id.toLowerCase())
          if (!sp) return resourceNotFound(call, id)
          return listAnswer(call, world.grantsOf(call.claims.tenantId).filter((grant) => grant.clientId === sp.id))
        })
      }
    }
  ]
}
