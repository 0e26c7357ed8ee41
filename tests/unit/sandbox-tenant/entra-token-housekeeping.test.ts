import { describe, expect, it } from 'vitest'
import { sandboxOnAClock } from '../../support/sandbox-on-a-clock.ts'
import { createJwtSigner } from '../../../src/sandbox-tenant/tokens/jwt-signer.ts'
import { AccessTokens } from '../../../src/sandbox-tenant/tokens/access-tokens.ts'
import { RefreshTokens, refreshTokenRetentionAfterExpiryMs, type RefreshTokenRecord } from '../../../src/sandbox-tenant/tokens/refresh-tokens.ts'
import { microsoftGraph, officeManagementApis } from '../../../src/sandbox-tenant/world/resource-apis.ts'
import { seedTenantWorld } from '../../../src/sandbox-tenant/world/seed-world.ts'
import { postToken, tokensForMegan } from '../../support/entra-http-sign-in.ts'

const hour = 60 * 60 * 1000

describe('refresh tokens, and the MFA they carry, are forgotten once they lapse', () => {
  function record(issuedAt: number, lifetimeMs: number, multifactor: boolean): RefreshTokenRecord {
    return { tenantId: 't', userId: 'u', clientAppId: 'c', issuedAt, expiresAt: issuedAt + lifetimeMs, revocationsAtIssue: 0, multifactor }
  }

  it('keeps a lapsed token for the retention period, then prunes it, with its MFA, when the next one is issued', () => {
    const tokens = new RefreshTokens()
    const start = Date.UTC(2026, 0, 1)
    const withMfa = tokens.issue(record(start, hour, true))
    expect(tokens.find(withMfa)?.multifactor).toBe(true)

    tokens.issue(record(start + hour + refreshTokenRetentionAfterExpiryMs - 1, hour, false))
    expect(tokens.find(withMfa)).toBeDefined()
    expect(tokens.size).toBe(2)

    const later = tokens.issue(record(start + hour + refreshTokenRetentionAfterExpiryMs, hour, false))
    expect(tokens.find(withMfa)).toBeUndefined()
    expect(tokens.find(later)).toBeDefined()
    expect(tokens.size).toBe(2)
  })
})

describe('refresh-token pruning, as a client sees it on the token endpoint', () => {
  const tenant = sandboxOnAClock()

  const refresh = (refreshToken: string) =>
    postToken(tenant.sandbox, { client_id: tenant.sandbox.clientId, grant_type: 'refresh_token', refresh_token: refreshToken, scope: 'User.Read offline_access' })

  it('answers "expired" (AADSTS700082) while a lapsed token is remembered, and "unknown" (AADSTS9002313) once it is pruned', async () => {
    tenant.sandbox.scenario.setTokenLifetimes({ refreshTokenSeconds: 60 })
    const token = String((await tokensForMegan(tenant.sandbox)).body.refresh_token)
    tenant.clock += 61_000
    expect((await refresh(token)).body).toMatchObject({ error: 'invalid_grant', error_codes: [700082] })
    tenant.clock += refreshTokenRetentionAfterExpiryMs
    await tokensForMegan(tenant.sandbox)
    const { body } = await refresh(token)
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [9002313] })
  })
})

describe('the bearer check of the resource APIs', () => {
  it('passes a well-signed token whose user the directory does not know, instead of calling it a bad signature', async () => {
    const clock = Date.now()
    const world = seedTenantWorld(() => clock)
    const accessTokens = new AccessTokens(await createJwtSigner(), () => clock)
    const [someone] = world.users.values()
    if (!someone) throw new Error('The seeded world has no users.')
    const stranger = { ...someone, id: '0b1c2d3e-4f50-4a61-8b72-9c83d4e5f607', roleTemplateIds: new Set<string>() }
    const token = accessTokens.issue({
      user: stranger,
      clientAppId: world.clientApplication.appId,
      clientDisplayName: world.clientApplication.displayName,
      resource: microsoftGraph,
      scopes: ['User.Read'],
      lifetimeSeconds: 60
    })
    const check = accessTokens.check(`Bearer ${token}`, microsoftGraph)
    expect(check).toMatchObject({ ok: true, claims: { userId: stranger.id, tenantId: stranger.tenantId } })
    expect(world.users.has(stranger.id)).toBe(false)

    const [header, payload] = token.split('.')
    expect(accessTokens.check(`Bearer ${header}.${payload}.${'A'.repeat(342)}`, microsoftGraph)).toEqual({ ok: false, reason: 'signature' })
    expect(accessTokens.check(`Bearer ${token}`, officeManagementApis)).toEqual({ ok: false, reason: 'audience' })
  })
})
