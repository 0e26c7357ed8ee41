import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { sandboxIds } from '../../../src/sandbox-tenant/world/seed-world.ts'
import { postToken, redeemCode, signInOverHttp, tokensForMegan } from '../../support/entra-http-sign-in.ts'

const scope = 'https://graph.microsoft.com/User.Read openid profile offline_access'

describe('Entra token endpoint: the tenant in the path', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.scenario.reset())

  const refreshAt = (tenant: string, refreshToken: string) =>
    postToken(sandbox, { client_id: sandbox.clientId, grant_type: 'refresh_token', refresh_token: refreshToken, scope }, tenant)

  async function contosoRefreshToken(): Promise<string> {
    const { body } = await tokensForMegan(sandbox)
    return String(body.refresh_token)
  }

  it.each([sandboxIds.fabrikamTenantId, 'fabrikam.onmicrosoft.com'])(
    "refuses a Contoso refresh token at Fabrikam's endpoint (%s) with invalid_grant AADSTS7000012",
    async (fabrikam) => {
      const { status, body } = await refreshAt(fabrikam, await contosoRefreshToken())
      expect(status).toBe(400)
      expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [7000012] })
      expect(String(body.error_description)).toMatch(/^AADSTS7000012: The grant was obtained for a different tenant\.\r\n/)
      // A refusal for the wrong tenant is not an interaction MSAL could fix by prompting.
      expect(body).not.toHaveProperty('suberror')
    }
  )

  it.each(['organizations', 'common', sandboxIds.contosoTenantId, 'contoso.onmicrosoft.com'])(
    'accepts a Contoso refresh token at %s',
    async (tenant) => {
      const { status, body } = await refreshAt(tenant, await contosoRefreshToken())
      expect(status).toBe(200)
      expect(body.refresh_token).toEqual(expect.any(String))
    }
  )

  it("accepts a Fabrikam account's refresh token at organizations and its own tenant, and refuses it at Contoso's", async () => {
    const { answer, verifier } = await signInOverHttp(sandbox, { account: 'AlexW@fabrikam.onmicrosoft.com' })
    const { body } = await redeemCode(sandbox, answer.fields.get('code') ?? '', verifier)
    const token = String(body.refresh_token)
    expect((await refreshAt('organizations', token)).status).toBe(200)
    expect((await refreshAt(sandboxIds.fabrikamTenantId, token)).status).toBe(200)
    expect((await refreshAt('contoso.onmicrosoft.com', token)).body).toMatchObject({ error: 'invalid_grant', error_codes: [7000012] })
  })

  it("refuses a Contoso authorization code at Fabrikam's endpoint with invalid_grant AADSTS700005", async () => {
    const { answer, verifier } = await signInOverHttp(sandbox, { account: 'MeganB@contoso.onmicrosoft.com' })
    const code = answer.fields.get('code') ?? ''
    const { status, body } = await postToken(
      sandbox,
      { client_id: sandbox.clientId, grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:53171', code_verifier: verifier, scope },
      sandboxIds.fabrikamTenantId
    )
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [700005] })
  })

  it("redeems a Contoso authorization code at Contoso's own endpoint", async () => {
    const { answer, verifier } = await signInOverHttp(sandbox, { account: 'MeganB@contoso.onmicrosoft.com' })
    const { status } = await postToken(
      sandbox,
      {
        client_id: sandbox.clientId,
        grant_type: 'authorization_code',
        code: answer.fields.get('code') ?? '',
        redirect_uri: 'http://localhost:53171',
        code_verifier: verifier,
        scope
      },
      sandboxIds.contosoTenantId
    )
    expect(status).toBe(200)
  })
})
