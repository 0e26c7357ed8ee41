import type { CloudEndpoints } from '../cloud-profiles.ts'
import { permissionManifest } from '../permission-manifest.ts'

export interface AdminConsentRequest {
  endpoints: Pick<CloudEndpoints, 'loginEndpoint' | 'graphResource' | 'managementResource'>
  /** The connected tenant's ID: a tenant's own authority admits only its own accounts. */
  tenantId: string
  clientId: string
  /** Manifest permission names, e.g. `Directory.Read.All`. */
  permissions: readonly string[]
  /** The console's own loopback listener, `http://localhost:PORT/`. */
  redirectUri: string
  state: string
}

/**
 * Microsoft's v2 admin consent endpoint (fixtures/microsoft/entra.v2.adminconsent.request.txt):
 * `{login}/{tenant}/v2.0/adminconsent?client_id&scope&redirect_uri&state`. Each permission is named
 * as a full scope string on its own resource, so one visit can grant on Graph and the Management APIs.
 */
export function adminConsentUrl(request: AdminConsentRequest): string {
  const login = request.endpoints.loginEndpoint.endsWith('/') ? request.endpoints.loginEndpoint : `${request.endpoints.loginEndpoint}/`
  const url = new URL(`${encodeURIComponent(request.tenantId)}/v2.0/adminconsent`, login)
  url.search = new URLSearchParams({
    client_id: request.clientId,
    scope: permissionScopes(request.endpoints, request.permissions).join(' '),
    redirect_uri: request.redirectUri,
    state: request.state
  }).toString()
  return url.toString()
}

/** Manifest permissions as scope strings in this cloud's resource identifiers; unknown names are left out. */
export function permissionScopes(endpoints: AdminConsentRequest['endpoints'], permissions: readonly string[]): string[] {
  return permissions.flatMap((name) => {
    const entry = permissionManifest.permissions.find((permission) => permission.name.toLowerCase() === name.toLowerCase())
    if (!entry) return []
    const resource = entry.scopeOn === 'graph' ? endpoints.graphResource : endpoints.managementResource
    return [`${resource}/${entry.name}`]
  })
}
