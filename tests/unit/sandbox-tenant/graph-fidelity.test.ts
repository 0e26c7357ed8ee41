import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { jsonShape, readFixtureJson, readFixtureText } from '../../support/microsoft-fixtures.ts'

/**
 * Where a sandbox answer's shape differs from a documented example: missing or extra keys and
 * different JSON types. Arrays compare by their first items; an empty array matches any array.
 */
function shapeDifferences(actual: unknown, expected: unknown, path = '$'): string[] {
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return actual.length === 0 || expected.length === 0 ? [] : shapeDifferences(actual[0], expected[0], `${path}[]`)
  }
  if (isObject(actual) && isObject(expected)) {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])]
    return keys.flatMap((key) => {
      if (!(key in actual)) return [`${path}.${key} missing`]
      if (!(key in expected)) return [`${path}.${key} extra`]
      return shapeDifferences(actual[key], expected[key], `${path}.${key}`)
    })
  }
  return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)} where the example has ${JSON.stringify(expected)}`]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function differences(answer: unknown, fixture: string): string[] {
  return shapeDifferences(jsonShape(answer), jsonShape(readFixtureJson(fixture)))
}

let sandbox: SandboxTenant
const admin = 'MeganB@contoso.onmicrosoft.com'
const everything = ['User.Read', 'Organization.Read.All', 'Application.Read.All', 'DelegatedPermissionGrant.ReadWrite.All']

async function graph(path: string, init: RequestInit = {}, scopes = everything): Promise<Response> {
  const token = sandbox.issueAccessToken({ userPrincipalName: admin, resource: 'graph', scopes })
  return fetch(`${sandbox.baseUrl}v1.0/${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } })
}

async function graphJson(path: string, scopes = everything): Promise<Record<string, unknown>> {
  const response = await graph(path, {}, scopes)
  expect(response.status, path).toBe(200)
  return (await response.json()) as Record<string, unknown>
}

beforeAll(async () => {
  sandbox = await startSandboxTenant()
  sandbox.scenario.setGrantedPermissions({ graph: ['User.Read', 'Organization.Read.All'], management: ['ActivityFeed.Read'] })
})
afterAll(() => sandbox.close())

describe('Graph answers held against the examples in Microsoft Graph v1.0 docs', () => {
  it('GET /me has the property set of graph.me.get.json, plus the @odata.context real responses carry', async () => {
    const me = await graphJson('me')
    // Deliberate: the doc's example omits @odata.context, which live responses include; ours names the sandbox's base URL.
    expect(me['@odata.context']).toBe(`${sandbox.baseUrl}v1.0/$metadata#users/$entity`)
    // Deliberate: seeded accounts have no phone or office, so those are null where the example has strings.
    const { '@odata.context': _context, ...properties } = me
    expect(differences(properties, 'graph.me.get.json').sort()).toEqual([
      '$.mobilePhone: "null" where the example has "string"',
      '$.officeLocation: "null" where the example has "string"'
    ])
  })

  it('GET /organization has the envelope and properties of graph.organization.list.json', async () => {
    // Deliberate: the sandbox tenant is no partner, so partnerTenantType is null; and it has a city where the example's has none.
    expect(differences(await graphJson('organization'), 'graph.organization.list.json')).toEqual([
      '$.value[].city: "string" where the example has "null"',
      '$.value[].partnerTenantType: "null" where the example has "string"'
    ])
  })

  it('GET /organization/{id} has the entity envelope of graph.organization.get.json', async () => {
    const found = await graphJson(`organization/${sandbox.tenantId}`)
    expect(found['@odata.context']).toBe(`${sandbox.baseUrl}v1.0/$metadata#organization/$entity`)
    expect(differences(found, 'graph.organization.get.json')).toEqual([
      '$.city: "string" where the example has "null"',
      '$.partnerTenantType: "null" where the example has "string"'
    ])
  })

  it('GET /subscribedSkus matches graph.subscribedSkus.list.json, with the id built as {tenantId}_{skuId}', async () => {
    const skus = await graphJson('subscribedSkus')
    expect(differences(skus, 'graph.subscribedSkus.list.json')).toEqual([])
    const [sku] = skus.value as Array<Record<string, unknown>>
    expect(sku?.id).toBe(`${sandbox.tenantId}_${String(sku?.skuId)}`)
  })

  it('GET /me/transitiveMemberOf/microsoft.graph.directoryRole returns directoryRole objects like the one in graph.batch.response.json', async () => {
    // Reading roles in full takes a directory role read permission (Graph's limited-information rule).
    const roles = await graphJson('me/transitiveMemberOf/microsoft.graph.directoryRole', [...everything, 'RoleManagement.Read.Directory'])
    const example = (readFixtureJson('graph.batch.response.json') as { responses: Array<{ body: { value: unknown[] } }> }).responses[0]?.body.value[0]
    const [role] = roles.value as unknown[]
    expect(shapeDifferences(jsonShape(role), jsonShape(example))).toEqual([])
    // graph.directoryRoles.list.json lists the same four properties for a directoryRole.
    const listed = (readFixtureJson('graph.directoryRoles.list.json') as { value: Array<Record<string, unknown>> }).value[0] ?? {}
    expect(Object.keys(role as object)).toEqual(expect.arrayContaining(Object.keys(listed)))
    expect(roles['@odata.context']).toBe(`${sandbox.baseUrl}v1.0/$metadata#directoryRoles`)
  })

  it("GET /servicePrincipals(appId='…') has the v1.0 property set of graph.servicePrincipals.get.json", async () => {
    const sp = await graphJson("servicePrincipals(appId='00000003-0000-0000-c000-000000000000')")
    const extras = differences(sp, 'graph.servicePrincipals.get.json').filter((line) => line.endsWith(' extra'))
    const others = differences(sp, 'graph.servicePrincipals.get.json').filter((line) => !line.endsWith(' extra'))
    // Deliberate: real v1.0 objects carry more properties than the doc example (id and deletedDateTime
    // appear in graph-beta.servicePrincipals.getByAppId.json too); each extra one is a documented v1.0 property.
    expect(extras.sort()).toEqual(
      [
        '@odata.context', 'appDescription', 'applicationTemplateId', 'createdDateTime', 'deletedDateTime', 'description',
        'loginUrl', 'notes', 'notificationEmailAddresses', 'preferredSingleSignOnMode', 'preferredTokenSigningKeyThumbprint',
        'samlSingleSignOnSettings'
      ].map((key) => `$.${key} extra`).sort()
    )
    // Deliberate: Microsoft's own service principals have no verified publisher, so its fields are null,
    // the example's servicePrincipalType null is 'Application' on every real one, and Microsoft's
    // service principals name their publisher ("Microsoft Services") where the example app has none.
    expect(others.sort()).toEqual([
      '$.publisherName: "string" where the example has "null"',
      '$.servicePrincipalType: "string" where the example has "null"',
      '$.verifiedPublisher.addedDateTime: "null" where the example has "string"',
      '$.verifiedPublisher.displayName: "null" where the example has "string"',
      '$.verifiedPublisher.verifiedPublisherId: "null" where the example has "string"'
    ])
    const scopes = sp.oauth2PermissionScopes as unknown[]
    const example = (readFixtureJson('graph.servicePrincipals.get.select.msgraph.json') as { oauth2PermissionScopes: unknown[] }).oauth2PermissionScopes[0]
    expect(shapeDifferences(jsonShape(scopes[0]), jsonShape(example))).toEqual([])
  })

  it('GET /oauth2PermissionGrants matches graph.oauth2PermissionGrants.list.json, @odata.id included', async () => {
    const grants = await graphJson('oauth2PermissionGrants')
    expect(differences(grants, 'graph.oauth2PermissionGrants.list.json')).toEqual([])
    const [grant] = grants.value as Array<Record<string, unknown>>
    expect(grant?.['@odata.id']).toBe(`${sandbox.baseUrl}v2/${sandbox.tenantId}/oauth2PermissionGrants/${String(grant?.id)}`)
  })

  it('GET /servicePrincipals/{id}/oauth2PermissionGrants lists items with the keys of graph.servicePrincipals.oauth2PermissionGrants.list.json', async () => {
    const client = await graphJson(`servicePrincipals(appId='${sandbox.clientId}')`)
    const grants = await graphJson(`servicePrincipals/${String(client.id)}/oauth2PermissionGrants`)
    const example = readFixtureJson('graph.servicePrincipals.oauth2PermissionGrants.list.json') as { value: Array<Record<string, unknown>> }
    const [grant] = grants.value as Array<Record<string, unknown>>
    // Deliberate: the example uses placeholder strings everywhere, so only keys compare; @odata.id as in the list above.
    expect(Object.keys(grant ?? {}).filter((key) => key !== '@odata.id').sort()).toEqual(Object.keys(example.value[0] ?? {}).sort())
  })

  it('DELETE /oauth2PermissionGrants/{id} answers like graph.oauth2PermissionGrants.delete.response.txt: 204, no body', async () => {
    const grants = (await graphJson('oauth2PermissionGrants')).value as Array<{ id: string }>
    const response = await graph(`oauth2PermissionGrants/${grants[0]?.id ?? ''}`, { method: 'DELETE' })
    expect(`HTTP/1.1 ${response.status} ${response.statusText}`).toBe(readFixtureText('graph.oauth2PermissionGrants.delete.response.txt').trim())
    expect(await response.text()).toBe('')
    sandbox.scenario.setGrantedPermissions({ graph: ['User.Read', 'Organization.Read.All'] })
  })

  it('errors have the envelope of graph.batch.response.json (code, message, innerError with date, request-id, client-request-id)', async () => {
    const response = await graph('me', { headers: { 'client-request-id': 'e70c5c1b-8b47-68c0-3171-3d22f5e0bd54' } }, ['Mail.Send'])
    expect(response.status).toBe(403)
    const body = (await response.json()) as { error: { innerError: Record<string, string> } }
    const example = (readFixtureJson('graph.batch.response.json') as { responses: Array<{ body: unknown }> }).responses[2]?.body
    expect(shapeDifferences(jsonShape(body), jsonShape(example))).toEqual([])
    expect(body).toMatchObject({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
    expect(body.error.innerError['client-request-id']).toBe('e70c5c1b-8b47-68c0-3171-3d22f5e0bd54')
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/)
    expect(response.headers.get('request-id')).toBe(body.error.innerError['request-id'])
    expect(response.headers.get('client-request-id')).toBe('e70c5c1b-8b47-68c0-3171-3d22f5e0bd54')
    expect(JSON.parse(response.headers.get('x-ms-ags-diagnostic') ?? '{}')).toHaveProperty('ServerInfo')
  })

  it('throttling answers like graph.throttling.429.json and graph.throttling.429.headers.txt', async () => {
    sandbox.scenario.throttle('graph', 7, 1)
    const response = await graph('me')
    const [statusLine = '', ...headerLines] = readFixtureText('graph.throttling.429.headers.txt').trim().split('\n')
    expect(`HTTP/1.1 ${response.status} ${response.statusText}`).toBe(statusLine.trim())
    expect(headerLines.some((line) => line.startsWith('Retry-After:'))).toBe(true)
    expect(response.headers.get('retry-after')).toBe('7')
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(differences(await response.json(), 'graph.throttling.429.json')).toEqual([])
  })

  it('a $batch answers in the shape of graph.batch.response.json, inner error bodies included', async () => {
    const request = readFixtureJson('graph.batch.request.json') as { requests: unknown[] }
    const response = await graph('$batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { responses: Array<{ id: string; status: number; headers: unknown; body: unknown }> }
    const example = readFixtureJson('graph.batch.response.json') as { responses: Array<{ id: string; headers: unknown }> }
    expect(body.responses.map((item) => item.id).sort()).toEqual(example.responses.map((item) => item.id).sort())
    for (const item of body.responses) {
      expect(Object.keys(item).sort()).toEqual(['body', 'headers', 'id', 'status'])
      expect(item.headers).toHaveProperty('Content-Type')
    }
    // The sandbox has none of these resources: each is Graph's answer for an unknown segment, in Graph's error shape.
    const errorShape = jsonShape((example.responses[2] as unknown as { body: unknown }).body)
    for (const item of body.responses.filter((entry) => entry.status >= 400)) expect(jsonShape(item.body)).toEqual(errorShape)
  })
})
