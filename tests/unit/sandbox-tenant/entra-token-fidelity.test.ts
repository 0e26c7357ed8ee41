import { createPublicKey, createVerify } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { jsonShape, readFixtureJson } from '../../support/microsoft-fixtures.ts'
import { decodeJwt, postToken, redeemCode, signInOverHttp, tokensForMegan } from '../../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const traceLines = /^AADSTS\d+: [\s\S]+\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/

function typesOf(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, Array.isArray(value) ? 'array' : typeof value]))
}

describe('Entra token endpoint answers, held against Microsoft documented payloads', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.scenario.reset())

  it('authorization_code success has every field of entra.v2.token.authcode.success.json, with the same JSON types', async () => {
    const fixture = readFixtureJson('entra.v2.token.authcode.success.json') as Record<string, unknown>
    const { status, headers, body } = await tokensForMegan(sandbox)
    expect(status).toBe(200)
    expect(headers.get('cache-control')).toBe('no-store, no-cache')
    const ours = typesOf(body)
    for (const [key, type] of Object.entries(typesOf(fixture))) expect(ours[key], key).toBe(type)
    // Deliberate: Entra sends ext_expires_in always and client_info when asked; the doc's sample leaves both out.
    expect(Object.keys(body).filter((key) => !(key in fixture)).sort()).toEqual(['client_info', 'ext_expires_in'])
    expect(body.token_type).toBe('Bearer')
  })

  it('refresh_token success has every field of entra.v2.token.refresh.success.json, with the same JSON types', async () => {
    const fixture = readFixtureJson('entra.v2.token.refresh.success.json') as Record<string, unknown>
    const first = await tokensForMegan(sandbox)
    const { status, body } = await postToken(sandbox, {
      client_id: sandbox.clientId,
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
      scope: 'https://graph.microsoft.com/User.Read openid profile offline_access',
      client_info: '1'
    })
    expect(status).toBe(200)
    const ours = typesOf(body)
    for (const [key, type] of Object.entries(typesOf(fixture))) expect(ours[key], key).toBe(type)
    expect(Object.keys(body).filter((key) => !(key in fixture)).sort()).toEqual(['client_info', 'ext_expires_in'])
  })

  it('echoes the scopes as the app spelled them, then the other granted ones, adds openid and profile for Graph, and never offline_access', async () => {
    const { answer, verifier } = await signInOverHttp(sandbox, { account: megan })
    const { body } = await redeemCode(sandbox, answer.fields.get('code') ?? '', verifier, {
      scope: 'https://graph.microsoft.com/user.read openid profile offline_access'
    })
    // The seeded tenant-wide grant also holds Organization.Read.All, which Entra lists unasked.
    expect(body.scope).toBe('https://graph.microsoft.com/user.read https://graph.microsoft.com/Organization.Read.All openid profile')
    expect(String(decodeJwt(String(body.access_token)).claims.scp).split(' ').sort()).toEqual(['Organization.Read.All', 'User.Read', 'openid', 'profile'])
  })

  it('an error has the shape of entra.token.error.sample-with-error_uri.json and of entra.v2.token.authcode.error.json', async () => {
    const withUri = readFixtureJson('entra.token.error.sample-with-error_uri.json')
    const documented = readFixtureJson('entra.v2.token.authcode.error.json') as Record<string, unknown>
    const { status, body } = await postToken(sandbox, {
      client_id: sandbox.clientId,
      grant_type: 'refresh_token',
      refresh_token: 'whatever',
      scope: 'https://foo.microsoft.com/mail.read'
    })
    expect(status).toBe(400)
    expect(jsonShape(body)).toEqual(jsonShape(withUri))
    // The doc's own sample differs only by leaving error_uri out.
    expect(Object.keys(body).filter((key) => !(key in documented))).toEqual(['error_uri'])
    expect(body.error).toBe('invalid_scope')
    expect(body.error_codes).toEqual([70011])
    expect(body.error_description).toMatch(traceLines)
    expect(String(body.error_description)).toContain('The scope https://foo.microsoft.com/mail.read is not valid.')
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/)
    expect(String(body.error_description)).toContain(`Trace ID: ${String(body.trace_id)}`)
    expect(body.error_uri).toBe(`${sandbox.baseUrl}error?code=70011`)
  })

  it('echoes the client-request-id header as correlation_id', async () => {
    const correlationId = '0a49cdbc-2e94-4089-bc6f-1162b123592c'
    const { body, headers } = await postToken(sandbox, { client_id: sandbox.clientId }, 'organizations', { 'client-request-id': correlationId })
    expect(body.correlation_id).toBe(correlationId)
    expect(body.error_codes).toEqual([900144])
    expect(headers.get('x-ms-request-id')).toBe(body.trace_id)
  })

  it('the id_token has the claims of entra.sample.id-token.v2.decoded-payload.json, and nonce only when one was sent', async () => {
    const sample = readFixtureJson('entra.sample.id-token.v2.decoded-payload.json') as Record<string, unknown>
    const { answer, verifier } = await signInOverHttp(sandbox, { account: megan, overrides: { nonce: 'nonce-678' } })
    const withNonce = decodeJwt(String((await redeemCode(sandbox, answer.fields.get('code') ?? '', verifier)).body.id_token))
    expect(Object.keys(withNonce.claims).sort()).toEqual([...Object.keys(sample), 'rh', 'uti'].sort())
    expect(typesOf(withNonce.claims)).toMatchObject(typesOf(sample))
    expect(withNonce.claims).toMatchObject({
      aud: sandbox.clientId,
      iss: `${sandbox.baseUrl}${sandbox.tenantId}/v2.0`,
      tid: sandbox.tenantId,
      preferred_username: megan,
      name: 'Megan Bowen',
      ver: '2.0',
      nonce: 'nonce-678'
    })
    const withoutNonce = decodeJwt(String((await tokensForMegan(sandbox)).body.id_token)).claims
    expect(withoutNonce).not.toHaveProperty('nonce')
    expect(withoutNonce.sub).toBe(withNonce.claims.sub)
    expect(withoutNonce.oid).toBe(withNonce.claims.oid)
  })

  it('signs the id_token with RS256 under the key that /discovery/v2.0/keys publishes', async () => {
    const idToken = String((await tokensForMegan(sandbox)).body.id_token)
    const { header } = decodeJwt(idToken)
    expect(header.alg).toBe('RS256')
    const keys = (await (await fetch(new URL('organizations/discovery/v2.0/keys', sandbox.baseUrl))).json()) as { keys: Array<Record<string, string>> }
    const key = keys.keys.find((candidate) => candidate.kid === header.kid)
    expect(key).toBeDefined()
    const [head = '', claims = '', signature = ''] = idToken.split('.')
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: key?.n, e: key?.e }, format: 'jwk' })
    const valid = createVerify('RSA-SHA256').update(`${head}.${claims}`).verify(publicKey, Buffer.from(signature, 'base64url'))
    expect(valid).toBe(true)
  })

  it('client_info decodes to the home account: uid is the user object ID, utid the tenant', async () => {
    const { body } = await tokensForMegan(sandbox)
    const info = JSON.parse(Buffer.from(String(body.client_info), 'base64url').toString('utf8')) as Record<string, unknown>
    expect(info).toEqual({ uid: decodeJwt(String(body.id_token)).claims.oid, utid: sandbox.tenantId })
  })
})
