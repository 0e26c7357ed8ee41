import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { readFixtureJson } from '../../support/microsoft-fixtures.ts'
import { authorizeUrl, pkcePair, postToken, standardAuthorizeParameters } from '../../support/entra-http-sign-in.ts'

describe('Entra discovery documents, faults and unknown paths', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.scenario.reset())

  const getJson = async (path: string) => {
    const response = await fetch(new URL(path, sandbox.baseUrl))
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> }
  }

  it('openid-configuration for organizations: endpoints on the base URL and a {tenantid} issuer', async () => {
    const { status, body } = await getJson('organizations/v2.0/.well-known/openid-configuration')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      authorization_endpoint: `${sandbox.baseUrl}organizations/oauth2/v2.0/authorize`,
      token_endpoint: `${sandbox.baseUrl}organizations/oauth2/v2.0/token`,
      jwks_uri: `${sandbox.baseUrl}organizations/discovery/v2.0/keys`,
      end_session_endpoint: `${sandbox.baseUrl}organizations/oauth2/v2.0/logout`,
      issuer: `${sandbox.baseUrl}{tenantid}/v2.0`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      id_token_signing_alg_values_supported: ['RS256'],
      tenant_region_scope: null
    })
  })

  it('openid-configuration for a tenant, by ID or by domain, names that tenant', async () => {
    for (const tenant of [sandbox.tenantId, 'contoso.onmicrosoft.com']) {
      const { body } = await getJson(`${tenant}/v2.0/.well-known/openid-configuration`)
      expect(body.issuer).toBe(`${sandbox.baseUrl}${sandbox.tenantId}/v2.0`)
      expect(body.token_endpoint).toBe(`${sandbox.baseUrl}${sandbox.tenantId}/oauth2/v2.0/token`)
    }
    const unknown = await getJson('nosuch.onmicrosoft.com/v2.0/.well-known/openid-configuration')
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ error: 'invalid_request', error_codes: [90002] })
  })

  it('the keys document has the fields of entra.discovery.keys.common-v2.json, except x5c', async () => {
    const fixture = readFixtureJson('entra.discovery.keys.common-v2.json') as { keys: Array<Record<string, unknown>> }
    const { body } = await getJson('common/discovery/v2.0/keys')
    const keys = body.keys as Array<Record<string, unknown>>
    expect(keys).toHaveLength(1)
    // Deliberate: the sandbox signs with a key made at start-up and has no certificate to put in x5c.
    const documented = Object.keys(fixture.keys[0] ?? {}).filter((key) => key !== 'x5c').sort()
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual(documented)
    expect(keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB', issuer: `${sandbox.baseUrl}{tenantid}/v2.0` })
  })

  it('instance discovery names the tenant discovery endpoint and the one host', async () => {
    const endpoint = `${sandbox.baseUrl}organizations/oauth2/v2.0/authorize`
    const { body } = await getJson(`common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(endpoint)}`)
    const host = new URL(sandbox.baseUrl).host
    expect(body).toEqual({
      tenant_discovery_endpoint: `${sandbox.baseUrl}organizations/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }]
    })
    const invalid = await getJson('common/discovery/instance?api-version=1.1&authorization_endpoint=https://example.com/x')
    expect(invalid.body).toMatchObject({ error: 'invalid_instance', error_codes: [50049] })
  })

  it('during an outage the token endpoint answers 503 temporarily_unavailable, and the pages say so', async () => {
    sandbox.scenario.setOutage('entra')
    const token = await postToken(sandbox, { client_id: sandbox.clientId, grant_type: 'refresh_token' })
    expect(token.status).toBe(503)
    expect(token.body).toMatchObject({ error: 'temporarily_unavailable' })
    expect(String(token.body.error_description)).toMatch(/^AADSTS\d+: /)
    const page = await fetch(authorizeUrl(sandbox, standardAuthorizeParameters(pkcePair().challenge)))
    expect(page.status).toBe(503)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('having trouble signing you in')
  })

  it('while throttled it answers 429 with Retry-After', async () => {
    sandbox.scenario.throttle('entra', 17)
    const token = await postToken(sandbox, { client_id: sandbox.clientId, grant_type: 'refresh_token' })
    expect(token.status).toBe(429)
    expect(token.headers.get('retry-after')).toBe('17')
    expect(token.body).toMatchObject({ error: 'temporarily_unavailable' })
  })

  it('an unknown path gets 404 in the token error shape, not a stack trace', async () => {
    const { status, body } = await getJson('organizations/oauth2/v2.0/nothing-here')
    expect(status).toBe(404)
    expect(body).toMatchObject({ error: 'invalid_request', error_codes: [90023] })
    expect(body.error_description).toMatch(/^AADSTS90023: /)
  })

  it('logout shows that the user signed out', async () => {
    const response = await fetch(new URL('organizations/oauth2/v2.0/logout', sandbox.baseUrl))
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('You signed out of your account')
  })
})
