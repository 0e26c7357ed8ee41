import { asksDefault, type RequestedScope, type ScopeRequest } from './scope-resolution.ts'
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
 * - Named scopes are echoed in the spelling the app used, followed by every other permission the
 *   user holds on the resource: Entra answers with all the effective scopes, not only those asked
 *   for (captured answers: microsoftgraph/microsoft-graph-docs#5722, `Calendars.Read` asked,
 *   `Calendars.Read Calendars.ReadWrite email openid profile` answered; microsoft-graph-docs-contrib#4546;
 *   "by design", AzureAD/microsoft-authentication-library-for-dotnet#1713; Microsoft Q&A 43462,
 *   "If already consented they may be included in the token response regardless of the requested scope").
 * - `.default` is answered as Entra does: every permission the user holds on the resource, in full
 *   form (`https://graph.microsoft.com/User.Read`), then, as captured real answers show, the literal
 *   the app sent (`https://graph.microsoft.com/.default`). Microsoft's docs do not promise that
 *   literal; `echoDefaultScope: false` leaves it out, and then a silent `.default` request misses.
 * - For Microsoft Graph the OpenID scopes asked for come too (after named scopes; before a `.default`
 *   expansion, as in captured answers), but never `offline_access`, whose answer is the `refresh_token`
 *   itself. Other resources get their own only.
 */
export function answeredScope(answer: ScopeAnswer): string {
  const { scopes, resource } = answer
  const openId = resource === microsoftGraph ? scopes.openId.filter((scope) => scope !== 'offline_access') : []
  const asked = scopes.scopes.filter((scope) => scope.api === resource)
  if (!asksDefault(scopes, resource)) {
    const others = otherGranted(answer.granted, asked).map((value) => `${spellingPrefix(asked)}${value}`)
    return [...asked.map((scope) => scope.spelled), ...others, ...openId].join(' ')
  }
  const expanded = otherGranted(answer.granted, []).map((value) => `${resource.identifierUri}/${value}`)
  const literal = answer.echoDefaultScope ? asked.filter((scope) => scope.value === '.default').map((scope) => scope.spelled) : []
  return [...openId, ...expanded, ...literal.slice(0, 1)].join(' ')
}

/** The resource permissions the user holds beyond those asked for, without OpenID scopes, sorted. */
function otherGranted(granted: readonly string[], asked: readonly RequestedScope[]): string[] {
  const askedValues = new Set(asked.map((scope) => scope.value.toLowerCase()))
  return granted
    .filter((value) => !openIdScopes.has(value.toLowerCase()) && !askedValues.has(value.toLowerCase()))
    .sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
}

/**
 * How the extra permissions of a named answer are spelled: like the first scope the app asked for.
 * Bare when it was bare, as in microsoft-graph-docs#5722. For a prefixed request (`https://graph.microsoft.com/User.Read`
 * or `{appId}/User.Read`) no captured answer shows the extras' spelling; the same prefix is a best guess.
 */
function spellingPrefix(asked: readonly RequestedScope[]): string {
  const first = asked[0]?.spelled ?? ''
  return first.slice(0, first.lastIndexOf('/') + 1)
}
