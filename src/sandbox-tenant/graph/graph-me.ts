import type { UserRecord } from '../world/world-records.ts'
import type { GraphEnvironment, GraphRoute } from './graph-call.ts'
import { entityAnswer, type GraphObject } from './graph-odata.ts'
import { graphPermissions } from './graph-permissions.ts'
import { forSignedInUser } from './graph-signed-in-user.ts'

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

export function meRoutes(environment: GraphEnvironment): GraphRoute[] {
  return [
    {
      method: 'GET',
      pattern: 'me',
      endpoint: {
        scopes: graphPermissions.readSignedInUser,
        handle: forSignedInUser(environment, (call, { user }) => entityAnswer(environment, call, 'users', userEntity(user)))
      }
    }
  ]
}
