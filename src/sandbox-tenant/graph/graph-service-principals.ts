import type { ServicePrincipalRecord } from '../world/world-records.ts'
import { graphError, type GraphAnswer } from './graph-answers.ts'
import type { GraphCall, GraphEnvironment, GraphRoute } from './graph-call.ts'
import { parseEqualityFilter } from './graph-filter.ts'
import { collectionAnswer, entityAnswer, type GraphObject } from './graph-odata.ts'

/** A servicePrincipal with the v1.0 property set of fixture graph.servicePrincipals.get.json. */
export function servicePrincipalEntity(sp: ServicePrincipalRecord): GraphObject {
  const api = sp.resourceApi
  return {
    id: sp.id,
    deletedDateTime: null,
    accountEnabled: true,
    addIns: [],
    alternativeNames: [],
    appDisplayName: sp.displayName,
    appDescription: null,
    appId: sp.appId,
    applicationTemplateId: null,
    appOwnerOrganizationId: sp.appOwnerOrganizationId,
    appRoleAssignmentRequired: false,
    appRoles: [],
    createdDateTime: sp.createdDateTime,
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: sp.displayName,
    endpoints: [],
    homepage: null,
    info: { termsOfServiceUrl: null, supportUrl: null, privacyStatementUrl: null, marketingUrl: null, logoUrl: null },
    keyCredentials: [],
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    oauth2PermissionScopes: (api?.permissions ?? []).map((permission) => ({
      adminConsentDescription: permission.adminConsentDescription,
      adminConsentDisplayName: permission.adminConsentDisplayName,
      id: permission.id,
      isEnabled: true,
      type: permission.adminConsentRequired ? 'Admin' : 'User',
      userConsentDescription: permission.adminConsentDescription,
      userConsentDisplayName: permission.adminConsentDisplayName,
      value: permission.value
    })),
    passwordCredentials: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    publisherName: sp.publisherName,
    replyUrls: api ? [] : ['http://localhost'],
    resourceSpecificApplicationPermissions: [],
    samlSingleSignOnSettings: null,
    servicePrincipalNames: api ? [api.identifierUri, sp.appId] : [sp.appId],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMultipleOrgs',
    tags: [],
    tokenEncryptionKeyId: null,
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null }
  }
}

export function resourceNotFound(call: GraphCall, name: string): GraphAnswer {
  return graphError(call.ids, 404, 'Request_ResourceNotFound', `Resource '${name}' does not exist or one of its queried reference-property objects are not present.`)
}

/** Graph's answer to a `$filter` it cannot read, or on a property it cannot filter by. */
export function unsupportedFilter(call: GraphCall, property: string | null, resource: string): GraphAnswer {
  if (property === null) return graphError(call.ids, 400, 'BadRequest', 'Invalid filter clause')
  return graphError(call.ids, 400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`)
}

// Permission table of serviceprincipal-get.md and serviceprincipal-list.md (Graph v1.0).
export const readServicePrincipals = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']

const filterableProperties: Record<string, keyof ServicePrincipalRecord> = { appid: 'appId', displayname: 'displayName', id: 'id' }

export function servicePrincipalRoutes(environment: GraphEnvironment): GraphRoute[] {
  const principalsOf = (call: GraphCall) => environment.world.servicePrincipals.filter((sp) => sp.tenantId === call.claims.tenantId)
  return [
    {
      method: 'GET',
      pattern: 'servicePrincipals',
      endpoint: {
        scopes: readServicePrincipals,
        handle: (call) => {
          let principals = principalsOf(call)
          const filterText = call.query.get('$filter')
          if (filterText !== null) {
            const filter = parseEqualityFilter(filterText)
            if (!filter.ok) return unsupportedFilter(call, null, 'ServicePrincipal')
            for (const clause of filter.clauses) {
              const property = filterableProperties[clause.property.toLowerCase()]
              if (!property) return unsupportedFilter(call, clause.property, 'ServicePrincipal')
              principals = principals.filter((sp) => String(sp[property]).toLowerCase() === clause.value.toLowerCase())
            }
          }
          return collectionAnswer(environment, call, 'servicePrincipals', principals.map(servicePrincipalEntity))
        }
      }
    },
    {
      method: 'GET',
      pattern: "servicePrincipals(appId='{appId}')",
      endpoint: {
        scopes: readServicePrincipals,
        handle: (call, [appId = '']) => {
          const sp = principalsOf(call).find((candidate) => candidate.appId === appId.toLowerCase())
          return sp ? entityAnswer(environment, call, 'servicePrincipals', servicePrincipalEntity(sp)) : resourceNotFound(call, appId)
        }
      }
    },
    {
      method: 'GET',
      pattern: 'servicePrincipals/{id}',
      endpoint: {
        scopes: readServicePrincipals,
        handle: (call, [id = '']) => {
          const sp = environment.world.servicePrincipalById(call.claims.tenantId, id.toLowerCase())
          return sp ? entityAnswer(environment, call, 'servicePrincipals', servicePrincipalEntity(sp)) : resourceNotFound(call, id)
        }
      }
    }
  ]
}
