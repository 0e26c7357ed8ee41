import {
  findPermission,
  microsoftGraph,
  openIdScopes,
  resourceApis,
  type DelegatedPermission,
  type ResourceApi
} from '../world/resource-apis.ts'

/** One requested resource scope, as the app spelled it and as the resource knows it. */
export interface RequestedScope {
  spelled: string
  api: ResourceApi
  /** The permission's own value (`User.Read`), or `.default`. */
  value: string
  permission: DelegatedPermission | undefined
}

export interface ScopeRequest {
  /** The OpenID Connect scopes asked for, lower-cased: openid, profile, email, offline_access. */
  openId: string[]
  scopes: RequestedScope[]
  /** Resources named by the scopes, in order of first mention. */
  resources: ResourceApi[]
  /** Scopes that no resource in the sandbox publishes. */
  unknown: string[]
}

/**
 * Reads a `scope` parameter the way Entra does: OIDC scopes, `{identifierUri}/{value}` or
 * `{appId}/{value}`, and bare values, which Entra takes as Microsoft Graph's.
 */
export function resolveScopes(scopeParam: string): ScopeRequest {
  const request: ScopeRequest = { openId: [], scopes: [], resources: [], unknown: [] }
  for (const spelled of scopeParam.split(/\s+/).filter(Boolean)) {
    const lower = spelled.toLowerCase()
    if (openIdScopes.has(lower)) {
      if (!request.openId.includes(lower)) request.openId.push(lower)
      continue
    }
    const resolved = resolveResourceScope(spelled)
    if (!resolved) {
      request.unknown.push(spelled)
      continue
    }
    request.scopes.push(resolved)
    if (!request.resources.includes(resolved.api)) request.resources.push(resolved.api)
  }
  return request
}

function resolveResourceScope(spelled: string): RequestedScope | undefined {
  const slash = spelled.lastIndexOf('/')
  const api = slash < 0 ? microsoftGraph : findApi(spelled.slice(0, slash))
  if (!api) return undefined
  const value = spelled.slice(slash + 1)
  if (value === '.default') return { spelled, api, value, permission: undefined }
  const permission = findPermission(api, value)
  if (!permission || openIdScopes.has(permission.value)) return undefined
  return { spelled, api, value: permission.value, permission }
}

function findApi(prefix: string): ResourceApi | undefined {
  const wanted = prefix.toLowerCase()
  return resourceApis.find((api) => api.identifierUri.toLowerCase() === wanted || api.appId === wanted)
}

/** The resource a token is for: the one the scopes name, or Microsoft Graph when only OIDC scopes are asked. */
export function tokenResource(request: ScopeRequest): ResourceApi {
  return request.resources[0] ?? microsoftGraph
}

/** The permission values asked for on one resource, including Graph's OIDC permissions, without `.default`. */
export function permissionValuesFor(request: ScopeRequest, api: ResourceApi): string[] {
  const values = request.scopes.filter((scope) => scope.api === api && scope.value !== '.default').map((scope) => scope.value)
  if (api === microsoftGraph) values.unshift(...request.openId)
  return values
}

export function asksDefault(request: ScopeRequest, api: ResourceApi): boolean {
  return request.scopes.some((scope) => scope.api === api && scope.value === '.default')
}
