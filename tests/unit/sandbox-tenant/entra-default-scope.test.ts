import { beforeEach, describe, expect, it } from 'vitest'
import { sandboxOnAClock } from '../../support/sandbox-on-a-clock.ts'
import type { ScenarioSnapshot } from '../../../src/sandbox-tenant/scenario/scenario-snapshot.ts'
import { decodeJwt, postToken, redeemCode, signInOverHttp } from '../../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'
const graph = (value: string) => `https://graph.microsoft.com/${value}`

describe('Entra token endpoint: what a .default answer lists in scope', () => {
  const tenant = sandboxOnAClock()

  beforeEach(() => {
    // A tenant-wide grant that covers the sign-in scopes of the helpers, so Adele needs no approval.
    tenant.sandbox.scenario.setGrantedPermissions({ graph: ['openid', 'profile', 'offline_access', 'User.Read', 'Organization.Read.All'] })
  })

  async function refreshTokenOf(account: string, overrides?: Record<string, string>): Promise<string> {
    const { answer, verifier } = await signInOverHttp(tenant.sandbox, { account, onBehalfOfOrganisation: false, ...(overrides ? { overrides } : {}) })
    const scope = overrides?.scope ?? 'https://graph.microsoft.com/User.Read openid profile offline_access'
    const { status, body } = await redeemCode(tenant.sandbox, answer.fields.get('code') ?? '', verifier, { scope })
    expect(status).toBe(200)
    return String(body.refresh_token)
  }

  const refresh = (token: string, scope: string) =>
    postToken(tenant.sandbox, { client_id: tenant.sandbox.clientId, grant_type: 'refresh_token', refresh_token: token, scope })

  it("lists the tenant-wide grant plus the admin's own, each in full form, then the .default literal", async () => {
    // Megan consents to Application.Read.All for herself only: a Principal grant beside the tenant-wide one.
    const token = await refreshTokenOf(megan, { scope: 'https://graph.microsoft.com/Application.Read.All openid profile offline_access' })
    const { status, body } = await refresh(token, 'https://graph.microsoft.com/.default openid profile offline_access')
    expect(status).toBe(200)
    expect(String(body.scope).split(' ')).toEqual([
      'openid',
      'profile',
      graph('Application.Read.All'),
      graph('Organization.Read.All'),
      graph('User.Read'),
      graph('.default')
    ])
    expect(String(decodeJwt(String(body.access_token)).claims.scp).split(' ')).toEqual(
      expect.arrayContaining(['User.Read', 'Organization.Read.All', 'Application.Read.All'])
    )
  })

  it("does not list another user's own grant: Adele gets the tenant-wide grant only", async () => {
    await refreshTokenOf(megan, { scope: 'https://graph.microsoft.com/Application.Read.All openid profile offline_access' })
    const token = await refreshTokenOf(adele)
    const { body } = await refresh(token, 'https://graph.microsoft.com/.default offline_access')
    expect(body.scope).toBe(`${graph('Organization.Read.All')} ${graph('User.Read')} ${graph('.default')}`)
  })

  it('answers the Management API resource the same way', async () => {
    tenant.sandbox.scenario.addGrantedPermission('https://manage.office.com/ActivityFeed.Read')
    const token = await refreshTokenOf(megan)
    const { body } = await refresh(token, 'https://manage.office.com/.default offline_access')
    expect(body.scope).toBe('https://manage.office.com/ActivityFeed.Read https://manage.office.com/.default')
  })

  it('leaves the .default literal out with echoDefaultScope: false, and keeps echoing named scopes as spelled', async () => {
    const token = await refreshTokenOf(megan)
    tenant.sandbox.scenario.echoDefaultScope(false)
    const withoutEcho = await refresh(token, 'https://graph.microsoft.com/.default offline_access')
    expect(withoutEcho.body.scope).toBe(`${graph('Organization.Read.All')} ${graph('User.Read')}`)
    const named = await refresh(token, 'https://graph.microsoft.com/user.read offline_access')
    expect(named.body.scope).toBe(`https://graph.microsoft.com/user.read ${graph('Organization.Read.All')}`)
  })

  it('switches the echo over the control endpoint, shows it in the snapshot, and a reset turns it back on', async () => {
    const post = (path: string, body: unknown) =>
      fetch(new URL(path, tenant.sandbox.baseUrl), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    expect(((await (await fetch(new URL('_sandbox/scenario', tenant.sandbox.baseUrl))).json()) as ScenarioSnapshot).echoDefaultScope).toBe(true)
    const changed = (await (await post('_sandbox/scenario', { echoDefaultScope: false })).json()) as ScenarioSnapshot
    expect(changed.echoDefaultScope).toBe(false)
    const token = await refreshTokenOf(megan)
    expect(String((await refresh(token, 'https://graph.microsoft.com/.default')).body.scope)).not.toContain('.default')
    expect(((await (await post('_sandbox/reset', {})).json()) as ScenarioSnapshot).echoDefaultScope).toBe(true)
  })
})
