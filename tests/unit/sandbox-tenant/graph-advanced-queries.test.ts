import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { eventual, sandboxGraph } from '../../support/sandbox-graph-requests.ts'

let sandbox: SandboxTenant
let clientId = ''
const graph = sandboxGraph(() => sandbox)
const readAll = ['User.Read', 'Directory.Read.All']
const q = (text: string) => encodeURIComponent(text)

type Page = { value: Array<Record<string, unknown>>; '@odata.count'?: number; '@odata.nextLink'?: string }

// The answers aad-advanced-queries.md documents under "Error handling for advanced queries".
const operatorNeedsAdvanced = (operator: string) =>
  `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`
const searchNeedsHeader = "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"

beforeAll(async () => {
  sandbox = await startSandboxTenant()
  sandbox.scenario.setGrantedPermissions({ graph: ['User.Read', 'Organization.Read.All'], management: ['ActivityFeed.Read'] })
  clientId = String((await graph.json(`servicePrincipals(appId='${sandbox.clientId}')`, { scopes: readAll })).id)
})
afterAll(() => sandbox.close())

describe('$count', () => {
  it.each(['oauth2PermissionGrants/$count', 'servicePrincipals/$count', 'me/transitiveMemberOf/$count', 'me/transitiveMemberOf/microsoft.graph.directoryRole/$count'])(
    '%s needs ConsistencyLevel: eventual, then answers the number as text/plain',
    async (path) => {
      expect(await graph.failure(path, { scopes: readAll })).toEqual({ status: 400, code: 'Request_BadRequest', message: '$count is not currently supported.' })
      const counted = await graph.call(path, { scopes: readAll, headers: eventual })
      expect(counted.status).toBe(200)
      expect(counted.headers.get('content-type')).toMatch(/^text\/plain/)
      const listPath = path.replace(/\/\$count$/, '')
      expect(Number(await counted.text())).toBe((await graph.json<Page>(listPath, { scopes: readAll })).value.length)
    }
  )

  it('?$count=true is silently ignored without the header, and answered as @odata.count with it, across pages', async () => {
    const ignored = await graph.json<Page>('oauth2PermissionGrants?$count=true', { scopes: readAll })
    expect(ignored['@odata.count']).toBeUndefined()
    const first = await graph.json<Page>('oauth2PermissionGrants?$count=true&$top=1', { scopes: readAll, headers: eventual })
    expect(first['@odata.count']).toBe(ignored.value.length)
    expect(first.value).toHaveLength(1)
    const second = await graph.json<Page>(first['@odata.nextLink'] ?? '', { scopes: readAll, headers: eventual })
    expect(second['@odata.count']).toBe(ignored.value.length)
  })
})

describe('$filter operators on directory objects', () => {
  const grants = (filter: string, count = false) =>
    `oauth2PermissionGrants?$filter=${q(filter)}${count ? '&$count=true' : ''}`

  it("eq on clientId and consentType needs no advanced query parameters (DESIGN.md's grant check)", async () => {
    const page = await graph.json<Page>(grants(`clientId eq '${clientId}' and consentType eq 'AllPrincipals'`), { scopes: readAll })
    expect(page.value.length).toBe(2)
    const withHeader = await graph.json<Page>(grants(`resourceId eq '${String(page.value[0]?.resourceId)}'`), { scopes: readAll, headers: eventual })
    expect(withHeader.value).toHaveLength(1)
  })

  it.each([
    ['ne', "consentType ne 'Principal'"],
    ['not', "not(consentType eq 'Principal')"]
  ])('%s needs both ConsistencyLevel: eventual and $count=true', async (operator, filter) => {
    const refused = { status: 400, code: 'Request_UnsupportedQuery', message: operatorNeedsAdvanced(operator) }
    expect(await graph.failure(grants(filter), { scopes: readAll })).toEqual(refused)
    expect(await graph.failure(grants(filter), { scopes: readAll, headers: eventual })).toEqual(refused)
    expect(await graph.failure(grants(filter, true), { scopes: readAll })).toEqual(refused)
    const page = await graph.json<Page>(grants(filter, true), { scopes: readAll, headers: eventual })
    expect(page.value.every((grant) => grant.consentType === 'AllPrincipals')).toBe(true)
    expect(page['@odata.count']).toBe(page.value.length)
  })

  it('refuses properties a grant cannot be filtered on, and filters Graph cannot read', async () => {
    expect(await graph.failure(grants("scope eq 'User.Read'"), { scopes: readAll })).toMatchObject({ status: 400, code: 'Request_UnsupportedQuery', message: 'Filter is invalid. scope' })
    expect(await graph.failure(grants("clientId eq 'a' or clientId eq 'b'"), { scopes: readAll })).toMatchObject({ status: 400, code: 'BadRequest' })
  })

  it('startsWith on a service principal displayName works by default; endsWith is not indexed there even as an advanced query', async () => {
    const page = await graph.json<Page>(`servicePrincipals?$filter=${q("startsWith(displayName,'protection')")}`, { scopes: readAll })
    expect(page.value.map((sp) => sp.appId)).toEqual([sandbox.clientId])
    const endsWith = `servicePrincipals?$filter=${q("endsWith(displayName,'Console')")}&$count=true`
    expect(await graph.failure(endsWith, { scopes: readAll, headers: eventual })).toEqual({
      status: 400,
      code: 'Request_UnsupportedQuery',
      message: "Unsupported or invalid query filter clause specified for property 'displayName' of resource 'ServicePrincipal'."
    })
  })
})

describe('$search and $orderby', () => {
  it('$search needs ConsistencyLevel: eventual (but not $count), and matches words from their start', async () => {
    const path = `servicePrincipals?$search=${q('"displayName:protect"')}`
    expect(await graph.failure(path, { scopes: readAll })).toEqual({ status: 400, code: 'Request_UnsupportedQuery', message: searchNeedsHeader })
    const found = await graph.json<Page>(path, { scopes: readAll, headers: eventual })
    expect(found.value.map((sp) => sp.appId)).toEqual([sandbox.clientId])
    const inner = await graph.json<Page>(`servicePrincipals?$search=${q('"displayName:tection"')}`, { scopes: readAll, headers: eventual })
    expect(inner.value).toEqual([])
  })

  it('$orderby on servicePrincipals displayName is an advanced query; on grants it is not supported at all', async () => {
    const sorting = { status: 400, code: 'Request_UnsupportedQuery', message: 'Sorting not supported for current query.' }
    expect(await graph.failure('servicePrincipals?$orderby=displayName', { scopes: readAll })).toEqual(sorting)
    const sorted = await graph.json<Page>('servicePrincipals?$orderby=displayName desc&$count=true', { scopes: readAll, headers: eventual })
    const names = sorted.value.map((sp) => String(sp.displayName))
    expect(names.length).toBeGreaterThan(1)
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })))
    expect(await graph.failure('oauth2PermissionGrants?$orderby=clientId&$count=true', { scopes: readAll, headers: eventual })).toEqual(sorting)
  })

  it('$filter with $orderby in one request needs the advanced query parameters even where each alone does not', async () => {
    const path = `servicePrincipals?$filter=${q("startsWith(displayName,'p')")}&$orderby=displayName`
    expect(await graph.failure(path, { scopes: readAll, headers: eventual })).toMatchObject({ status: 400, message: 'Sorting not supported for current query.' })
    expect((await graph.call(`${path}&$count=true`, { scopes: readAll, headers: eventual })).status).toBe(200)
  })
})
