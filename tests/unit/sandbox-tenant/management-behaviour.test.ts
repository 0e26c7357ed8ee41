import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { sandboxIds } from '../../../src/sandbox-tenant/world/seed-world.ts'

let sandbox: SandboxTenant
const megan = 'MeganB@contoso.onmicrosoft.com'
const alex = 'AlexW@fabrikam.onmicrosoft.com'

function managementToken(userPrincipalName = megan, scopes = ['ActivityFeed.Read']): string {
  return sandbox.issueAccessToken({ userPrincipalName, resource: 'management', scopes })
}

function feed(operation: string, options: { tenantId?: string; token?: string | null; method?: string; body?: string } = {}): Promise<Response> {
  const { tenantId = sandbox.tenantId, token = managementToken(), method = 'GET', body } = options
  return fetch(`${sandbox.baseUrl}api/v1.0/${tenantId}/activity/feed/${operation}`, {
    method,
    body,
    headers: token === null ? {} : { Authorization: `Bearer ${token}` }
  })
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code
}

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
afterEach(() => sandbox.scenario.reset())
afterAll(() => sandbox.close())

describe('Management Activity API subscriptions', () => {
  it('lists nothing until a subscription starts, then lists what was started', async () => {
    expect(await (await feed('subscriptions/list')).json()).toEqual([])
    expect((await feed('subscriptions/start?contentType=Audit.AzureActiveDirectory', { method: 'POST' })).status).toBe(200)
    expect((await feed('subscriptions/start?contentType=dlp.all', { method: 'POST' })).status).toBe(200)
    const listed = (await (await feed('subscriptions/list')).json()) as Array<{ contentType: string }>
    expect(listed.map((entry) => entry.contentType)).toEqual(['Audit.AzureActiveDirectory', 'DLP.All'])
  })

  it('refuses to start one twice (AF20024), a missing content type (AF20001), and a webhook that is not https (AF20021)', async () => {
    await feed('subscriptions/start?contentType=Audit.General', { method: 'POST' })
    expect(await errorCode(await feed('subscriptions/start?contentType=Audit.General', { method: 'POST' }))).toBe('AF20024')
    expect(await errorCode(await feed('subscriptions/start', { method: 'POST' }))).toBe('AF20001')
    const plainHttp = JSON.stringify({ webhook: { address: 'http://webhook.example/o365', authId: 'x' } })
    expect(await errorCode(await feed('subscriptions/start?contentType=Audit.Exchange', { method: 'POST', body: plainHttp }))).toBe('AF20021')
    expect(await errorCode(await feed('subscriptions/start?contentType=Audit.Exchange', { method: 'POST', body: '{"webhook":' }))).toBe('AF20002')
  })

  it('answers "Tenant … does not exist" while audit logging is off, and works once it is turned on', async () => {
    sandbox.scenario.setAuditLog(false)
    for (const response of [await feed('subscriptions/list'), await feed('subscriptions/start?contentType=Audit.General', { method: 'POST' })]) {
      expect(response.status).toBe(400)
      const { error } = (await response.json()) as { error: { message: string } }
      expect(error.message).toContain(`DataServiceException: Tenant ${sandbox.tenantId} does not exist.`)
    }
    sandbox.scenario.setAuditLog(true)
    expect((await feed('subscriptions/start?contentType=Audit.General', { method: 'POST' })).status).toBe(200)
  })

  it("answers Fabrikam's admin, whose tenant never turned audit logging on, with the same error", async () => {
    const response = await feed('subscriptions/list', { tenantId: sandboxIds.fabrikamTenantId, token: managementToken(alex) })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain(`Tenant ${sandboxIds.fabrikamTenantId} does not exist.`)
  })

  it('checks the token: its audience, the tenant in the URL against tid (AF20010), and ActivityFeed.Read', async () => {
    expect((await feed('subscriptions/list', { token: null })).status).toBe(401)
    const graphToken = sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes: ['User.Read'] })
    expect((await feed('subscriptions/list', { token: graphToken })).status).toBe(401)
    const mismatch = await feed('subscriptions/list', { tenantId: sandboxIds.fabrikamTenantId })
    expect(mismatch.status).toBe(400)
    expect(await errorCode(mismatch)).toBe('AF20010')
    expect(await errorCode(await feed('subscriptions/list', { token: managementToken(megan, ['ServiceHealth.Read']) }))).toBe('AF10001')
  })

  it('answers unknown operations and wrong methods the way ASP.NET Web API does, without a stack trace', async () => {
    expect((await feed('subscriptions/nothing')).status).toBe(404)
    const wrongMethod = await feed('subscriptions/list', { method: 'POST' })
    expect(wrongMethod.status).toBe(405)
    expect(await wrongMethod.json()).toEqual({ Message: "The requested resource does not support http method 'POST'." })
  })

  it('forgets started subscriptions when the scenario is reset', async () => {
    await feed('subscriptions/start?contentType=Audit.SharePoint', { method: 'POST' })
    sandbox.scenario.reset()
    expect(await (await feed('subscriptions/list')).json()).toEqual([])
  })
})
