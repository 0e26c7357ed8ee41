import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { ScenarioError } from '../../../src/sandbox-tenant/scenario/scenario-error.ts'
import { postToken, redeemCode, signInOverHttp } from '../../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const alex = 'AlexW@fabrikam.onmicrosoft.com'

/** Every account and token control applies to Contoso only, with or without a UPN, by code or by the control endpoint. */
describe('scenario controls change Contoso, never Fabrikam', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.scenario.reset())

  async function refreshTokenOf(account: string): Promise<string> {
    const { answer, verifier } = await signInOverHttp(sandbox, { account })
    const { body } = await redeemCode(sandbox, answer.fields.get('code') ?? '', verifier)
    return String(body.refresh_token)
  }

  const refresh = (token: string) =>
    postToken(sandbox, { client_id: sandbox.clientId, grant_type: 'refresh_token', refresh_token: token, scope: 'User.Read offline_access' })

  const control = (change: unknown) =>
    fetch(new URL('_sandbox/scenario', sandbox.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(change)
    })

  async function bothSignedIn(): Promise<{ contoso: string; fabrikam: string }> {
    return { contoso: await refreshTokenOf(megan), fabrikam: await refreshTokenOf(alex) }
  }

  const byCode = {
    requireMfa: (s: SandboxTenant) => s.scenario.requireMfa(true),
    revokeRefreshTokens: (s: SandboxTenant) => s.scenario.revokeRefreshTokens(),
    expireRefreshTokens: (s: SandboxTenant) => s.scenario.expireRefreshTokens()
  }
  const byEndpoint = { requireMfa: { mfaRequired: true }, revokeRefreshTokens: { revokeRefreshTokens: true }, expireRefreshTokens: { expireRefreshTokens: true } }
  const contosoError = { requireMfa: 50076, revokeRefreshTokens: 50173, expireRefreshTokens: 700082 }

  it.each(Object.keys(byCode) as Array<keyof typeof byCode>)('%s() without a UPN stops Contoso tokens and leaves Fabrikam alone', async (name) => {
    const { contoso, fabrikam } = await bothSignedIn()
    byCode[name](sandbox)
    expect((await refresh(contoso)).body).toMatchObject({ error_codes: [contosoError[name]] })
    expect((await refresh(fabrikam)).status).toBe(200)
  })

  it.each(Object.keys(byEndpoint) as Array<keyof typeof byEndpoint>)('the control endpoint does the same for %s', async (name) => {
    const { contoso, fabrikam } = await bothSignedIn()
    expect((await control(byEndpoint[name])).status).toBe(200)
    expect((await refresh(contoso)).body).toMatchObject({ error_codes: [contosoError[name]] })
    expect((await refresh(fabrikam)).status).toBe(200)
  })

  it('refuses a Fabrikam UPN, by code and at the control endpoint, and changes nothing', async () => {
    expect(() => sandbox.scenario.requireMfa(true, alex)).toThrow(ScenarioError)
    expect(() => sandbox.scenario.revokeRefreshTokens(alex)).toThrow(ScenarioError)
    const refused = await control({ revokeRefreshTokens: alex })
    expect(refused.status).toBe(400)
    expect((await refresh(await refreshTokenOf(alex))).status).toBe(200)
  })

  it('lists only Contoso accounts under mfaRequired in the snapshot', async () => {
    const snapshot = (await (await control({ mfaRequired: true })).json()) as { mfaRequired: string[] }
    expect(snapshot.mfaRequired).toEqual(['MeganB@contoso.onmicrosoft.com', 'AdeleV@contoso.onmicrosoft.com'])
  })
})
