import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'

let sandbox: SandboxTenant
const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'
const consoleScopes = ['User.Read', 'Organization.Read.All', 'Application.Read.All', 'DelegatedPermissionGrant.ReadWrite.All']

interface GraphErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> }
}

function tokenFor(userPrincipalName = megan, scopes = consoleScopes): string {
  return sandbox.issueAccessToken({ userPrincipalName, resource: 'graph', scopes })
}

async function call(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = tokenFor(), ...rest } = init
  const headers: Record<string, string> = { ...(rest.headers as Record<string, string> | undefined) }
  if (token !== null) headers.Authorization = `Bearer ${token}`
  const url = path.startsWith('http') ? path : `${sandbox.baseUrl}v1.0/${path}`
  return fetch(url, { ...rest, headers })
}

async function json<T = Record<string, unknown>>(path: string, init: RequestInit & { token?: string | null } = {}): Promise<T> {
  const response = await call(path, init)
  expect(response.status, `${path}: ${response.status}`).toBeLessThan(300)
  return (await response.json()) as T
}

async function errorOf(response: Response): Promise<GraphErrorBody['error']> {
  return ((await response.json()) as GraphErrorBody).error
}

function batch(requests: unknown[], token = tokenFor()): Promise<Response> {
  return call('$batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ requests }), token })
}

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
afterEach(() => sandbox.scenario.reset())
afterAll(() => sandbox.close())

describe('Graph token checks', () => {
  it.each([
    ['no Authorization header', null, 'Access token is empty.'],
    ['a token that is no JWT', 'not-a-jwt', 'IDX14100: JWT is not well formed'],
    ['a token for the Management API', 'management', 'Access token validation failure. Invalid audience.']
  ])('answers 401 InvalidAuthenticationToken with Graph\'s challenge for %s', async (_name, token, message) => {
    const bearer = token === 'management' ? sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'management', scopes: ['ActivityFeed.Read'] }) : token
    const response = await call('me', { token: bearer })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toContain('client_id="00000003-0000-0000-c000-000000000000"')
    const error = await errorOf(response)
    expect(error.code).toBe('InvalidAuthenticationToken')
    expect(error.message.startsWith(message)).toBe(true)
  })

  it('rejects an expired token and one signed by another sandbox instance', async () => {
    sandbox.scenario.setTokenLifetimes({ accessTokenSeconds: 0 })
    const expired = await call('me')
    expect(await errorOf(expired)).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' })
    sandbox.scenario.reset()
    const other = await startSandboxTenant()
    try {
      const foreign = other.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes: consoleScopes })
      const response = await call('me', { token: foreign })
      expect(response.status).toBe(401)
      expect((await errorOf(response)).code).toBe('InvalidAuthenticationToken')
    } finally {
      await other.close()
    }
  })

  it('answers 403 Authorization_RequestDenied when the token lacks every permission the endpoint accepts', async () => {
    const response = await call('subscribedSkus', { token: tokenFor(megan, ['User.Read']) })
    expect(response.status).toBe(403)
    expect(await errorOf(response)).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' })
    expect((await call('subscribedSkus', { token: tokenFor(megan, ['Directory.Read.All']) })).status).toBe(200)
  })
})

describe('Graph routes', () => {
  it('names the first unknown segment, refuses other methods with 405, and never leaks a stack trace', async () => {
    const unknown = await call('me/nonsense')
    expect(unknown.status).toBe(400)
    expect(await errorOf(unknown)).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'nonsense'." })
    const wrongMethod = await call('subscribedSkus', { method: 'POST', body: '{}' })
    expect(wrongMethod.status).toBe(405)
    const badJson = await call('$batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"requests": [' })
    expect(badJson.status).toBe(400)
    expect(await badJson.text()).not.toMatch(/\bat .*\.ts:\d+/)
  })

  it("answers 404 Request_ResourceNotFound for the console's service principal before anyone consented", async () => {
    const response = await call(`servicePrincipals(appId='${sandbox.clientId}')`)
    expect(response.status).toBe(404)
    expect(await errorOf(response)).toMatchObject({
      code: 'Request_ResourceNotFound',
      message: `Resource '${sandbox.clientId}' does not exist or one of its queried reference-property objects are not present.`
    })
    sandbox.scenario.setGrantedPermissions({ graph: ['User.Read'] })
    const found = await json(`servicePrincipals(appId='${sandbox.clientId}')`)
    const byFilter = await json<{ value: Array<{ id: string }> }>(`servicePrincipals?$filter=appId eq '${sandbox.clientId}'`)
    expect(byFilter.value.map((sp) => sp.id)).toEqual([found.id])
    expect((await json(`servicePrincipals/${String(found.id)}`)).appId).toBe(sandbox.clientId)
  })

  it('honours $select on /me', async () => {
    const me = await json('me?$select=displayName,id')
    expect(Object.keys(me).sort()).toEqual(['@odata.context', 'displayName', 'id'])
    expect(me['@odata.context']).toBe(`${sandbox.baseUrl}v1.0/$metadata#users(displayName,id)/$entity`)
  })
})

describe('oauth2PermissionGrants', () => {
  async function consoleServicePrincipalId(): Promise<string> {
    return String((await json(`servicePrincipals(appId='${sandbox.clientId}')`)).id)
  }

  it('filters on clientId and consentType joined by and, and refuses filters Graph does not support', async () => {
    sandbox.scenario.setGrantedPermissions({ graph: ['User.Read', 'Organization.Read.All'], management: ['ActivityFeed.Read'] })
    const clientId = await consoleServicePrincipalId()
    const filtered = await json<{ value: Array<{ clientId: string; consentType: string; scope: string }> }>(
      `oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${clientId}' and consentType eq 'AllPrincipals'`)}`
    )
    expect(filtered.value.map((grant) => grant.scope).sort()).toEqual(['ActivityFeed.Read', 'User.Read Organization.Read.All'])
    expect(filtered.value.every((grant) => grant.clientId === clientId && grant.consentType === 'AllPrincipals')).toBe(true)
    const none = await json<{ value: unknown[] }>("oauth2PermissionGrants?$filter=consentType eq 'Principal'")
    expect(none.value).toEqual([])
    const unsupported = await call("oauth2PermissionGrants?$filter=scope eq 'User.Read'")
    expect(unsupported.status).toBe(400)
    expect((await errorOf(unsupported)).code).toBe('Request_UnsupportedQuery')
    const unreadable = await call("oauth2PermissionGrants?$filter=startswith(clientId,'a')")
    expect(unreadable.status).toBe(400)
  })

  it('pages with $top and an absolute @odata.nextLink on the sandbox until every grant was seen', async () => {
    sandbox.scenario.setGrantedPermissions({ graph: ['User.Read'], management: ['ActivityFeed.Read'] })
    const all = await json<{ value: Array<{ id: string }> }>('oauth2PermissionGrants')
    expect(all.value.length).toBe(2)
    const first = await json<{ value: Array<{ id: string }>; '@odata.nextLink'?: string }>('oauth2PermissionGrants?$top=1')
    expect(first.value).toHaveLength(1)
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${sandbox.baseUrl}v1\\.0/oauth2PermissionGrants\\?\\$top=1&\\$skiptoken=`))
    const second = await json<{ value: Array<{ id: string }>; '@odata.nextLink'?: string }>(first['@odata.nextLink'] ?? '')
    expect(second['@odata.nextLink']).toBeUndefined()
    expect([...first.value, ...second.value].map((grant) => grant.id).sort()).toEqual(all.value.map((grant) => grant.id).sort())
    expect((await call('oauth2PermissionGrants?$top=0')).status).toBe(400)
    expect((await call('oauth2PermissionGrants?$skiptoken=made-up')).status).toBe(400)
  })

  it('deletes a grant with 204, after which it is gone; deleting it again is 404', async () => {
    sandbox.scenario.setGrantedPermissions({ graph: ['User.Read'], management: ['ActivityFeed.Read'] })
    const before = await json<{ value: Array<{ id: string; scope: string }> }>('oauth2PermissionGrants')
    const target = before.value.find((grant) => grant.scope === 'ActivityFeed.Read')
    expect((await call(`oauth2PermissionGrants/${target?.id ?? ''}`, { method: 'DELETE' })).status).toBe(204)
    const after = await json<{ value: Array<{ id: string }> }>('oauth2PermissionGrants')
    expect(after.value.map((grant) => grant.id)).toEqual(before.value.filter((grant) => grant !== target).map((grant) => grant.id))
    expect(sandbox.scenario.grantedPermissions().management).toEqual([])
    const again = await call(`oauth2PermissionGrants/${target?.id ?? ''}`, { method: 'DELETE' })
    expect(again.status).toBe(404)
    expect((await errorOf(again)).code).toBe('Request_ResourceNotFound')
  })

  it('refuses DELETE to a user without a role that may grant consent, even with the permission in the token', async () => {
    sandbox.scenario.setGrantedPermissions({ graph: ['User.Read'] })
    const [grant] = (await json<{ value: Array<{ id: string }> }>('oauth2PermissionGrants')).value
    const response = await call(`oauth2PermissionGrants/${grant?.id ?? ''}`, { method: 'DELETE', token: tokenFor(adele) })
    expect(response.status).toBe(403)
    expect((await errorOf(response)).code).toBe('Authorization_RequestDenied')
    expect(sandbox.scenario.grantedPermissions().graph).toEqual(['User.Read'])
  })
})

describe('Graph $batch', () => {
  it('answers each request with its own status, 424 for a request whose dependency failed', async () => {
    const response = await batch([
      { id: '1', method: 'GET', url: '/me?$select=id' },
      { id: '2', method: 'GET', url: 'subscribedSkus' },
      { id: '3', method: 'GET', url: '/nothing' },
      { id: '4', method: 'GET', url: '/me', dependsOn: ['3'] },
      { id: '5', method: 'GET', url: '/v1.0/organization', dependsOn: ['1'] }
    ])
    expect(response.status).toBe(200)
    const { responses } = (await response.json()) as { responses: Array<{ id: string; status: number; body?: unknown }> }
    expect(Object.fromEntries(responses.map((item) => [item.id, item.status]))).toEqual({ '1': 200, '2': 200, '3': 400, '4': 424, '5': 200 })
  })

  it('refuses a batch of more than 20 requests, duplicate ids, and a dependsOn naming no request', async () => {
    const many = Array.from({ length: 21 }, (_, index) => ({ id: String(index + 1), method: 'GET', url: '/me' }))
    const tooMany = await batch(many)
    expect(tooMany.status).toBe(400)
    expect((await errorOf(tooMany)).code).toBe('BadRequest')
    expect((await batch(many.slice(0, 20))).status).toBe(200)
    expect((await batch([{ id: '1', method: 'GET', url: '/me' }, { id: '1', method: 'GET', url: '/me' }])).status).toBe(400)
    expect((await batch([{ id: '1', method: 'GET', url: '/me', dependsOn: ['9'] }])).status).toBe(400)
  })

  it('runs inner requests with the outer token, so a missing scope is 403 inside an outer 200', async () => {
    const response = await batch([{ id: '1', method: 'GET', url: '/subscribedSkus' }, { id: '2', method: 'GET', url: '/me' }], tokenFor(megan, ['User.Read']))
    const { responses } = (await response.json()) as { responses: Array<{ id: string; status: number }> }
    expect(responses.find((item) => item.id === '1')?.status).toBe(403)
    expect(responses.find((item) => item.id === '2')?.status).toBe(200)
  })
})

describe('scenario changes show in Graph answers', () => {
  it('subscriptions: none gives an empty list, suspended gives suspended units and disabled plans', async () => {
    sandbox.scenario.setSubscription('none')
    expect((await json<{ value: unknown[] }>('subscribedSkus')).value).toEqual([])
    sandbox.scenario.setSubscription('suspended')
    const [sku] = (await json<{ value: Array<{ capabilityStatus: string; prepaidUnits: Record<string, number>; servicePlans: Array<{ provisioningStatus: string }> }> }>('subscribedSkus')).value
    expect(sku?.capabilityStatus).toBe('Suspended')
    expect(sku?.prepaidUnits).toMatchObject({ enabled: 0, suspended: 25 })
    expect(new Set(sku?.servicePlans.map((plan) => plan.provisioningStatus))).toEqual(new Set(['Disabled']))
    sandbox.scenario.setSubscription('businessBasic')
    const basic = await json<{ value: Array<{ skuPartNumber: string }> }>('subscribedSkus')
    expect(basic.value.map((item) => item.skuPartNumber)).toEqual(['O365_BUSINESS_ESSENTIALS'])
  })

  it('which account is Global Administrator shows in the directoryRole cast', async () => {
    const globalAdmin = '62e90394-69f5-4237-9190-012177145e10'
    const rolesOf = async (user: string) =>
      (
        await json<{ value: Array<{ roleTemplateId: string }> }>('me/transitiveMemberOf/microsoft.graph.directoryRole', {
          token: tokenFor(user, [...consoleScopes, 'RoleManagement.Read.Directory'])
        })
      ).value.map(
        (role) => role.roleTemplateId
      )
    expect(await rolesOf(megan)).toContain(globalAdmin)
    expect(await rolesOf(adele)).toEqual([])
    sandbox.scenario.setGlobalAdministrator(adele)
    expect(await rolesOf(adele)).toEqual([globalAdmin])
    expect(await rolesOf(megan)).not.toContain(globalAdmin)
    const unfiltered = await json<{ value: Array<{ '@odata.type': string }> }>('me/transitiveMemberOf', { token: tokenFor(adele) })
    expect(unfiltered.value.map((item) => item['@odata.type'])).toEqual(['#microsoft.graph.directoryRole'])
  })

  it('an outage answers 503 serviceNotAvailable until it ends', async () => {
    sandbox.scenario.setOutage('graph', 1)
    const down = await call('me')
    expect(down.status).toBe(503)
    expect((await errorOf(down)).code).toBe('serviceNotAvailable')
    expect((await call('me')).status).toBe(200)
  })
})
