import type { ServicePrincipalRecord } from '../world/world-records.ts'
import { graphError, type GraphAnswer } from './graph-answers.ts'
import type { GraphCall, GraphEnvironment, GraphRoute } from './graph-call.ts'
import { countSegmentAnswer } from './graph-advanced-query.ts'
import { queryDirectoryCollection, type DirectoryCollection } from './graph-directory-query.ts'
import { collectionAnswer, entityAnswer, type GraphObject } from './graph-odata.ts'
import { graphPermissions } from './graph-permissions.ts'

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

/**
 * serviceprincipal-list and aad-advanced-queries.md: `eq` on appId, id and displayName and
 * `startsWith` on displayName work by default; `$orderby` on displayName is an advanced query.
 */
const servicePrincipals: DirectoryCollection<ServicePrincipalRecord> = {
  resource: 'ServicePrincipal',
  properties: {
    appId: { read: (sp) => sp.appId, filter: { eq: 'default' } },
    id: { read: (sp) => sp.id, filter: { eq: 'default' } },
    displayName: { read: (sp) => sp.displayName, filter: { eq: 'default', startsWith: 'default' }, orderBy: 'advanced', search: true }
  }
}

export function servicePrincipalRoutes(environment: GraphEnvironment): GraphRoute[] {
  const principalsOf = (call: GraphCall) => environment.world.servicePrincipals.filter((sp) => sp.tenantId === call.claims.tenantId)
  const scopes = graphPermissions.readServicePrincipals
  return [
    {
      method: 'GET',
      pattern: 'servicePrincipals',
      endpoint: {
        scopes,
        handle: (call) => {
          const query = queryDirectoryCollection(call, servicePrincipals, principalsOf(call))
          if (!query.ok) return query.answer
          return collectionAnswer(environment, call, 'servicePrincipals', query.items.map(servicePrincipalEntity), query.count)
        }
      }
    },
    {
      method: 'GET',
      pattern: 'servicePrincipals/$count',
      endpoint: {
        scopes,
        handle: (call) => {
          const query = queryDirectoryCollection(call, servicePrincipals, principalsOf(call))
          return query.ok ? countSegmentAnswer(call, query.items.length) : query.answer
        }
      }
    },
    {
      method: 'GET',
      pattern: "servicePrincipals(appId='{appId}')",
      endpoint: {
        scopes,
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
        scopes,
        handle: (call, [id = '']) => {
          const sp = environment.world.servicePrincipalById(call.claims.tenantId, id.toLowerCase())
          return sp ? entityAnswer(environment, call, 'servicePrincipals', servicePrincipalEntity(sp)) : resourceNotFound(call, id)
        }
      }
    }
  ]
}
