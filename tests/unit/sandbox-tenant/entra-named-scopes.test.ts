import { beforeEach, describe, expect, it } from 'vitest'
import { sandboxOnAClock } from '../../support/sandbox-on-a-clock.ts'
import { decodeJwt, postToken, redeemCode, signInOverHttp } from '../../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'
const graph = (value: string) => `https://graph.microsoft.com/${value}`

// Entra answers a request for named scopes with every permission the user holds on that resource,
// not only those asked for (microsoftgraph/microsoft-graph-docs#5722, microsoft-graph-docs-contrib#4546).
describe('Entra token endpoint: what a named-scope answer lists in scope and scp', () => {
  const tenant = sandboxOnAClock()

  beforeEach(() => {
    tenant.sandbox.scenario.setGrantedPermissions({ graph: ['openid', 'profile', 'offline_access', 'User.Read', 'Organization.Read.All'] })
  })

  async function refreshTokenOf(account: string, scope = `${graph('User.Read')} openid profile offline_access`): Promise<string> {
    const { answer, verifier } = await signInOverHttp(tenant.sandbox, { account, onBehalfOfOrganisation: false, overrides: { scope } })
    const { status, body } = await redeemCode(tenant.sandbox, answer.fields.get('code') ?? '', verifier, { scope })
    expect(status).toBe(200)
    return String(body.refresh_token)
  }

  const refresh = (token: string, scope: string) =>
    postToken(tenant.sandbox, { client_id: tenant.sandbox.clientId, grant_type: 'refresh_token', refresh_token: token, scope })

  it("lists the scopes asked for as spelled, then the tenant-wide grant and the user's own, in the same full form", async () => {
    // Megan consents to Application.Read.All for herself only: a Principal grant beside the tenant-wide one.
    const token = await refreshTokenOf(megan, `${graph('Application.Read.All')} openid profile offline_access`)
    const { status, body } = await refresh(token, 'https://graph.microsoft.com/user.read openid offline_access')
    expect(status).toBe(200)
    expect(String(body.scope).split(' ')).toEqual([
      'https://graph.microsoft.com/user.read',
      graph('Application.Read.All'),
      graph('Organization.Read.All'),
      'openid'
    ])
    expect(String(decodeJwt(String(body.access_token)).claims.scp).split(' ').sort()).toEqual(
      ['Application.Read.All', 'Organization.Read.All', 'User.Read', 'openid', 'profile'].sort()
    )
  })

  it('spells the other permissions bare when the app asked with bare names, as captured answers do', async () => {
    const token = await refreshTokenOf(megan)
    const { body } = await refresh(token, 'User.Read offline_access')
    expect(body.scope).toBe('User.Read Organization.Read.All')
  })

  it("does not list another user's own grant: Adele gets the tenant-wide grant only", async () => {
    await refreshTokenOf(megan, `${graph('Application.Read.All')} openid profile offline_access`)
    const token = await refreshTokenOf(adele)
    const { body } = await refresh(token, `${graph('User.Read')} offline_access`)
    expect(body.scope).toBe(`${graph('User.Read')} ${graph('Organization.Read.All')}`)
    expect(String(decodeJwt(String(body.access_token)).claims.scp)).not.toContain('Application.Read.All')
  })

  it("lists only the named resource's permissions: a Management API answer holds no Graph permission", async () => {
    tenant.sandbox.scenario.addGrantedPermission('https://manage.office.com/ActivityFeed.Read')
    const token = await refreshTokenOf(megan)
    const { body } = await refresh(token, 'https://manage.office.com/ActivityFeed.Read offline_access')
    expect(body.scope).toBe('https://manage.office.com/ActivityFeed.Read')
    expect(decodeJwt(String(body.access_token)).claims.scp).toBe('ActivityFeed.Read')
  })
})
