import { asksDefault, type ScopeRequest } from './scope-resolution.ts'
import { microsoftGraph, openIdScopes, type ResourceApi } from '../world/resource-apis.ts'

export interface ScopeAnswer {
  scopes: ScopeRequest
  resource: ResourceApi
  /** What the signed-in user holds on the resource: the tenant-wide grant plus their own. */
  granted: readonly string[]
  echoDefaultScope: boolean
}

/**
 * The `scope` of a token answer. MSAL caches the access token under exactly these strings and
 * finds it again by a subset match, so their spelling decides whether silent requests hit the cache.
 *
 * - Named scopes are echoed in the spelling the app used.
 * - `.default` is answered as Entra does: every permission the user holds on the resource, in full
 *   form (`https://graph.microsoft.com/User.Read`), then, as captured real answers show, the literal
 *   the app sent (`https://graph.microsoft.com/.default`). Microsoft's docs do not promise that
 *   literal; `echoDefaultScope: false` leaves it out, and then a silent `.default` request misses.
 * - For Microsoft Graph the OpenID scopes asked for come first, as in captured answers, but never
 *   `offline_access`, whose answer is the `refresh_token` itself. Other resources get their own only.
 */
export function answeredScope(answer: ScopeAnswer): string {
  const { scopes, resource } = answer
  const openId = resource === microsoftGraph ? scopes.openId.filter((scope) => scope !== 'offline_access') : []
  const asked = scopes.scopes.filter((scope) => scope.api === resource)
  if (!asksDefault(scopes, resource)) return [...asked.map((scope) => scope.spelled), ...openId].join(' ')
  const expanded = answer.granted
    .filter((value) => !openIdScopes.has(value.toLowerCase()))
    .sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
    .map((value) => `${resource.identifierUri}/${value}`)
  const literal = answer.echoDefaultScope ? asked.filter((scope) => scope.value === '.default').map((scope) => scope.spelled) : []
  return [...openId, ...expanded, ...literal.slice(0, 1)].join(' ')
}
