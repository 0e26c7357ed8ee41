import type { PermissionGrantRecord } from '../world/world-records.ts'
import { graphError, type GraphAnswer } from './graph-answers.ts'
import { insufficientPrivileges } from './graph-authorization.ts'
import type { GraphCall, GraphEnvironment, GraphRoute } from './graph-call.ts'
import { parseEqualityFilter } from './graph-filter.ts'
import { collectionAnswer, entityAnswer, type GraphObject } from './graph-odata.ts'
import { readServicePrincipals, resourceNotFound, unsupportedFilter } from './graph-service-principals.ts'

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

const filterableProperties: Record<string, keyof PermissionGrantRecord> = {
  clientid: 'clientId',
  consenttype: 'consentType',
  resourceid: 'resourceId',
  principalid: 'principalId'
}

function filterGrants(call: GraphCall, grants: PermissionGrantRecord[]): PermissionGrantRecord[] | GraphAnswer {
  const filterText = call.query.get('$filter')
  if (filterText === null) return grants
  const filter = parseEqualityFilter(filterText)
  if (!filter.ok) return unsupportedFilter(call, null, 'OAuth2PermissionGrant')
  let kept = grants
  for (const clause of filter.clauses) {
    const property = filterableProperties[clause.property.toLowerCase()]
    // Graph's own wording for a grant property it cannot filter on (msgraph-sdk-powershell#1763).
    if (!property) return graphError(call.ids, 400, 'Request_UnsupportedQuery', `Filter is invalid. ${clause.property}`)
    kept = kept.filter((grant) => String(grant[property]).toLowerCase() === clause.value.toLowerCase())
  }
  return kept
}

// Permission tables of oauth2permissiongrant-list.md, -get.md and -delete.md (Graph v1.0).
const readGrants = ['DelegatedPermissionGrant.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']
const deleteGrants = ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All']

export function permissionGrantRoutes(environment: GraphEnvironment): GraphRoute[] {
  const { world } = environment
  const listAnswer = (call: GraphCall, grants: PermissionGrantRecord[]) => {
    const filtered = filterGrants(call, grants)
    if (!Array.isArray(filtered)) return filtered
    return collectionAnswer(environment, call, 'oauth2PermissionGrants', filtered.map((grant) => listedGrant(environment, grant)))
  }
  const findGrant = (call: GraphCall, id: string) => world.grantsOf(call.claims.tenantId).find((grant) => grant.id === id)
  return [
    {
      method: 'GET',
      pattern: 'oauth2PermissionGrants',
      endpoint: { scopes: readGrants, handle: (call) => listAnswer(call, world.grantsOf(call.claims.tenantId)) }
    },
    {
      method: 'GET',
      pattern: 'oauth2PermissionGrants/{id}',
      endpoint: {
        scopes: readGrants,
        handle: (call, [id = '']) => {
          const grant = findGrant(call, id)
          return grant ? entityAnswer(environment, call, 'oauth2PermissionGrants', grantEntity(grant)) : resourceNotFound(call, id)
        }
      }
    },
    {
      method: 'DELETE',
      pattern: 'oauth2PermissionGrants/{id}',
      endpoint: {
        scopes: deleteGrants,
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
        scopes: [...new Set([...readGrants, ...readServicePrincipals])],
        handle: (call, [id = '']) => {
          const sp = world.servicePrincipalById(call.claims.tenantId, id.toLowerCase())
          if (!sp) return resourceNotFound(call, id)
          return listAnswer(call, world.grantsOf(call.claims.tenantId).filter((grant) => grant.clientId === sp.id))
        }
      }
    }
  ]
}
