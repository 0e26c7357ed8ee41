import { directoryRoleTemplates } from '../world/directory-roles.ts'
import type { TenantRecord, UserRecord } from '../world/world-records.ts'
import { graphError, type GraphAnswer } from './graph-answers.ts'
import type { GraphCall, GraphEnvironment, GraphRoute } from './graph-call.ts'
import { collectionAnswer, entityAnswer, type GraphObject } from './graph-odata.ts'

/** The signed-in user with the default property set of `GET /me` (fixture graph.me.get.json). */
function userEntity(user: UserRecord): GraphObject {
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.userPrincipalName,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id
  }
}

/** The activated directory roles a user holds, as directoryRole objects (fixture graph.batch.response.json). */
function directoryRolesOf(user: UserRecord, tenant: TenantRecord): GraphObject[] {
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

function signedIn(environment: GraphEnvironment, call: GraphCall): { user: UserRecord; tenant: TenantRecord } | GraphAnswer {
  const user = environment.world.users.get(call.claims.userId)
  const tenant = environment.world.tenant(call.claims.tenantId)
  if (!user || !tenant) {
    return graphError(call.ids, 404, 'Request_ResourceNotFound', `Resource '${call.claims.userId}' does not exist or one of its queried reference-property objects are not present.`)
  }
  return { user, tenant }
}

// Permission tables of user-get.md and user-list-transitivememberof.md (Graph v1.0).
const readMe = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']
const readMemberships = ['User.Read', 'User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All']

export function meRoutes(environment: GraphEnvironment): GraphRoute[] {
  const withSignedIn =
    (answer: (call: GraphCall, user: UserRecord, tenant: TenantRecord) => GraphAnswer) =>
    (call: GraphCall): GraphAnswer => {
      const found = signedIn(environment, call)
      return 'status' in found ? found : answer(call, found.user, found.tenant)
    }
  return [
    {
      method: 'GET',
      pattern: 'me',
      endpoint: { scopes: readMe, handle: withSignedIn((call, user) => entityAnswer(environment, call, 'users', userEntity(user))) }
    },
    {
      method: 'GET',
      pattern: 'me/transitiveMemberOf',
      endpoint: {
        scopes: readMemberships,
        handle: withSignedIn((call, user, tenant) => collectionAnswer(environment, call, 'directoryObjects', directoryRolesOf(user, tenant)))
      }
    },
    {
      method: 'GET',
      pattern: 'me/transitiveMemberOf/microsoft.graph.directoryRole',
      endpoint: {
        scopes: readMemberships,
        handle: withSignedIn((call, user, tenant) => collectionAnswer(environment, call, 'directoryRoles', directoryRolesOf(user, tenant)))
      }
    }
  ]
}
