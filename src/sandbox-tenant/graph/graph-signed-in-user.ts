import type { TenantRecord, UserRecord } from '../world/world-records.ts'
import { graphError, type GraphAnswer } from './graph-answers.ts'
import type { GraphCall, GraphEnvironment } from './graph-call.ts'

/** The user a delegated token acts for, and their tenant; `/me` paths start from here. */
export interface SignedInUser {
  user: UserRecord
  tenant: TenantRecord
}

export function signedInUser(environment: GraphEnvironment, call: GraphCall): SignedInUser | GraphAnswer {
  const user = environment.world.users.get(call.claims.userId)
  const tenant = environment.world.tenant(call.claims.tenantId)
  if (!user || !tenant) {
    return graphError(call.ids, 404, 'Request_ResourceNotFound', `Resource '${call.claims.userId}' does not exist or one of its queried reference-property objects are not present.`)
  }
  return { user, tenant }
}

/** Runs an answer for the signed-in user, or answers 404 when the token's user is gone. */
export function forSignedInUser(
  environment: GraphEnvironment,
  answer: (call: GraphCall, signedIn: SignedInUser) => GraphAnswer
): (call: GraphCall) => GraphAnswer {
  return (call) => {
    const found = signedInUser(environment, call)
    return 'status' in found ? found : answer(call, found)
  }
}
