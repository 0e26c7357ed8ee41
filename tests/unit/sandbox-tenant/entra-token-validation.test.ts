import { describe, expect, it } from 'vitest'
import { sandboxOnAClock } from '../../support/sandbox-on-a-clock.ts'
import { sandboxMfaPolicyId } from '../../../src/sandbox-tenant/entra/token-checks.ts'
import { decodeJwt, postToken, redeemCode, signInOverHttp, tokensForMegan } from '../../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'

describe('Entra token endpoint: validation, refresh and the errors MSAL must tell apart', () => {
  const tenant = sandboxOnAClock()

  const refresh = (refreshToken: string, scope = 'https://graph.microsoft.com/User.Read openid profile offline_access') =>
    postToken(tenant.sandbox, { client_id: tenant.sandbox.clientId, grant_type: 'refresh_token', refresh_token: refreshToken, scope })

  async function signedIn(): Promise<string> {
    const { body } = await tokensForMegan(tenant.sandbox)
    return String(body.refresh_token)
  }

  it('rejects a code_verifier that does not match the challenge (AADSTS501481)', async () => {
    const { answer } = await signInOverHttp(tenant.sandbox, { account: megan })
    const { status, body } = await redeemCode(tenant.sandbox, answer.fields.get('code') ?? '', 'x'.repeat(43))
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] })
  })

  it('accepts a code once; the second redemption gets AADSTS54005', async () => {
    const { answer, verifier } = await signInOverHttp(tenant.sandbox, { account: megan })
    const code = answer.fields.get('code') ?? ''
    expect((await redeemCode(tenant.sandbox, code, verifier)).status).toBe(200)
    const again = await redeemCode(tenant.sandbox, code, verifier)
    expect(again.body).toMatchObject({ error: 'invalid_grant', error_codes: [54005] })
  })

  it('expires a code after tokenLifetimes.authorizationCodeSeconds (AADSTS70008)', async () => {
    tenant.sandbox.scenario.setTokenLifetimes({ authorizationCodeSeconds: 30 })
    const { answer, verifier } = await signInOverHttp(tenant.sandbox, { account: megan })
    tenant.clock += 31_000
    const { body } = await redeemCode(tenant.sandbox, answer.fields.get('code') ?? '', verifier)
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [70008] })
  })

  it('requires the redirect URI of the authorize request (AADSTS500112)', async () => {
    const { answer, verifier } = await signInOverHttp(tenant.sandbox, { account: megan })
    const { body } = await redeemCode(tenant.sandbox, answer.fields.get('code') ?? '', verifier, { redirect_uri: 'http://localhost:1/' })
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [500112] })
  })

  it('answers 401 invalid_client when a public client sends a secret, and 400 for an unknown client', async () => {
    const secret = await postToken(tenant.sandbox, { client_id: tenant.sandbox.clientId, grant_type: 'refresh_token', client_secret: 's', scope: 'openid' })
    expect(secret.status).toBe(401)
    expect(secret.body).toMatchObject({ error: 'invalid_client', error_codes: [700025] })
    const unknown = await postToken(tenant.sandbox, { client_id: '00000000-0000-0000-0000-000000000001', grant_type: 'refresh_token' })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] })
  })

  it('refuses scopes of two resources in one token request (AADSTS28000)', async () => {
    const { body } = await refresh(await signedIn(), 'https://graph.microsoft.com/User.Read https://manage.office.com/ActivityFeed.Read openid')
    expect(body).toMatchObject({ error: 'invalid_scope', error_codes: [28000] })
  })

  it('answers malformed requests in Entra shape: GET, a JSON body, an unknown grant type', async () => {
    const get = await fetch(new URL('organizations/oauth2/v2.0/token', tenant.sandbox.baseUrl))
    expect(get.status).toBe(400)
    expect(await get.json()).toMatchObject({ error: 'invalid_request', error_codes: [900561] })
    const json = await fetch(new URL('organizations/oauth2/v2.0/token', tenant.sandbox.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"grant_type":"refresh_token"}'
    })
    expect(await json.json()).toMatchObject({ error: 'invalid_request', error_codes: [900144] })
    const grant = await postToken(tenant.sandbox, { client_id: tenant.sandbox.clientId, grant_type: 'password', scope: 'openid' })
    expect(grant.body).toMatchObject({ error: 'unsupported_grant_type', error_codes: [70003] })
  })

  it('rotates refresh tokens: every refresh answers with a new one', async () => {
    const first = await signedIn()
    const second = await refresh(first)
    expect(second.status).toBe(200)
    expect(second.body.refresh_token).toEqual(expect.any(String))
    expect(second.body.refresh_token).not.toBe(first)
    const third = await refresh(String(second.body.refresh_token))
    expect(third.body.refresh_token).not.toBe(second.body.refresh_token)
  })

  it('serves another resource from the same refresh token once it is consented, and .default means what is granted', async () => {
    const token = await signedIn()
    const refused = await refresh(token, 'https://manage.office.com/ActivityFeed.Read offline_access')
    expect(refused.body).toMatchObject({ error: 'invalid_grant', suberror: 'consent_required', error_codes: [65001] })
    tenant.sandbox.scenario.addGrantedPermission('https://manage.office.com/ActivityFeed.Read')
    const management = await refresh(token, 'https://manage.office.com/.default offline_access')
    expect(management.status).toBe(200)
    // As Entra answers `.default`: the permissions it expanded to, in full form, then the literal
    // `.default` that captured real answers end with (see answered-scopes.ts and the tests in
    // entra-default-scope.test.ts). The token's `scp` carries the bare values.
    expect(management.body.scope).toBe('https://manage.office.com/ActivityFeed.Read https://manage.office.com/.default')
    expect(decodeJwt(String(management.body.access_token)).claims).toMatchObject({ aud: 'https://manage.office.com', scp: 'ActivityFeed.Read' })
    expect(management.body).not.toHaveProperty('id_token')
  })

  it('an expired refresh token gets AADSTS700082 with suberror bad_token', async () => {
    const token = await signedIn()
    tenant.sandbox.scenario.expireRefreshTokens()
    const { body } = await refresh(token)
    expect(body).toMatchObject({ error: 'invalid_grant', suberror: 'bad_token', error_codes: [700082] })
  })

  it('a refresh token outlives tokenLifetimes.refreshTokenSeconds only by being used; past it, AADSTS700082', async () => {
    tenant.sandbox.scenario.setTokenLifetimes({ refreshTokenSeconds: 60 })
    const token = await signedIn()
    tenant.clock += 59_000
    const inTime = await refresh(token)
    expect(inTime.status).toBe(200)
    tenant.clock += 2_000
    expect((await refresh(token)).body).toMatchObject({ error: 'invalid_grant', suberror: 'bad_token', error_codes: [700082] })
    expect((await refresh(String(inTime.body.refresh_token))).status).toBe(200)
  })

  it('a refresh token issued before a revocation gets AADSTS50173 with suberror bad_token, even within the same millisecond', async () => {
    const token = await signedIn()
    tenant.sandbox.scenario.revokeRefreshTokens(megan)
    const { body } = await refresh(token)
    expect(body).toMatchObject({ error: 'invalid_grant', suberror: 'bad_token', error_codes: [50173] })
    const after = await signedIn()
    expect((await refresh(after)).status).toBe(200)
  })

  it('revoked consent gets AADSTS65001 with suberror consent_required', async () => {
    const token = await signedIn()
    tenant.sandbox.scenario.revokeConsent()
    const { body } = await refresh(token)
    expect(body).toMatchObject({ error: 'invalid_grant', suberror: 'consent_required', error_codes: [65001] })
  })

  it('required MFA gets interaction_required AADSTS50076 with suberror basic_action and a claims challenge', async () => {
    const token = await signedIn()
    tenant.sandbox.scenario.requireMfa(true, megan)
    const { status, body } = await refresh(token)
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: 'interaction_required', suberror: 'basic_action', error_codes: [50076] })
    expect(JSON.parse(String(body.claims))).toEqual({ access_token: { capolids: { essential: true, values: [sandboxMfaPolicyId] } } })
    // A sign-in while the policy applies satisfies it, and its refresh tokens carry that.
    const fresh = await signedIn()
    expect((await refresh(fresh)).status).toBe(200)
  })

  it('an unknown refresh token is a plain invalid_grant without suberror', async () => {
    const { body } = await refresh('1.not-a-token')
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [9002313] })
    expect(body).not.toHaveProperty('suberror')
  })

  it('omits refresh_token when offline_access is not asked for, and id_token when openid is not', async () => {
    const token = await signedIn()
    const { body } = await refresh(token, 'https://graph.microsoft.com/User.Read')
    expect(body).not.toHaveProperty('refresh_token')
    expect(body).not.toHaveProperty('id_token')
    expect(String(body.scope).split(' ')).not.toContain('openid')
    expect(String(body.scope).split(' ')[0]).toBe('https://graph.microsoft.com/User.Read')
  })
})
