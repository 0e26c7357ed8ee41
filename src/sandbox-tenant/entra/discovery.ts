import { jsonResponse, type SandboxRequest, type SandboxResponse } from '../http/sandbox-http.ts'
import { issuerFor, resolveAuthority } from './authority.ts'
import { entraErrorResponse, entraErrors } from './entra-errors.ts'
import type { SandboxContext } from '../sandbox-context.ts'

/**
 * `/{tenant}/v2.0/.well-known/openid-configuration`, with Entra's field set and every endpoint on
 * the sandbox's base URL. A multi-tenant authority keeps `{tenantid}` in `issuer`, as Entra does.
 */
export function openIdConfiguration(context: SandboxContext, request: SandboxRequest, tenantSegment: string): SandboxResponse {
  const authority = resolveAuthority(context.world, tenantSegment)
  if (!authority) return entraErrorResponse(entraErrors.tenantNotFound(tenantSegment), request, context)
  const base = context.baseUrl
  const segment = authority.kind === 'tenant' ? authority.tenant.id : authority.segment
  const host = new URL(base).host
  return jsonResponse(200, {
    token_endpoint: `${base}${segment}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}${segment}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: issuerFor(base, authority.kind === 'tenant' ? authority.tenant.id : '{tenantid}'),
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}oidc/userinfo`,
    authorization_endpoint: `${base}${segment}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}${segment}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}${segment}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud',
      'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'
    ],
    kerberos_endpoint: `${base}${segment}/kerberos`,
    tenant_region_scope: authority.kind === 'tenant' ? authority.tenant.countryLetterCode === 'US' ? 'NA' : 'EU' : null,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: host,
    rbac_url: 'https://pas.windows.net'
  })
}

/**
 * `/{tenant}/discovery/v2.0/keys` (fixtures/microsoft/entra.discovery.keys.common-v2.json). The
 * sandbox signs with one key made at start-up and has no certificate, so its key has no `x5c`.
 */
export function signingKeys(context: SandboxContext, request: SandboxRequest, tenantSegment: string): SandboxResponse {
  const authority = resolveAuthority(context.world, tenantSegment)
  if (!authority) return entraErrorResponse(entraErrors.tenantNotFound(tenantSegment), request, context)
  const issuer = issuerFor(context.baseUrl, authority.kind === 'tenant' ? authority.tenant.id : '{tenantid}')
  return jsonResponse(200, { keys: [context.signer.jsonWebKey(issuer)] })
}

/** `/common/discovery/instance?api-version=1.1&authorization_endpoint=…`: the one cloud the sandbox is. */
export function instanceDiscovery(context: SandboxContext, request: SandboxRequest): SandboxResponse {
  const endpoint = request.url.searchParams.get('authorization_endpoint') ?? ''
  const tenantSegment = tenantOfAuthorizeEndpoint(endpoint, context.baseUrl)
  if (!tenantSegment) {
    return entraErrorResponse(
      { error: 'invalid_instance', code: 50049, message: "Unknown or invalid instance." },
      request,
      context
    )
  }
  const host = new URL(context.baseUrl).host
  return jsonResponse(200, {
    tenant_discovery_endpoint: `${context.baseUrl}${tenantSegment}/v2.0/.well-known/openid-configuration`,
    'api-version': request.url.searchParams.get('api-version') ?? '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }]
  })
}

function tenantOfAuthorizeEndpoint(endpoint: string, baseUrl: string): string | undefined {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return undefined
  }
  if (url.origin !== new URL(baseUrl).origin) return undefined
  const match = /^\/([^/]+)\/oauth2\/(?:v2\.0\/)?authorize$/.exec(url.pathname)
  return match?.[1]
}
