import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { eventual, sandboxGraph } from '../../support/sandbox-graph-requests.ts'

let sandbox: SandboxTenant
const graph = sandboxGraph(() => sandbox)
const roleReader = ['User.Read', 'RoleManagement.Read.Directory']
const cast = 'me/transitiveMemberOf/microsoft.graph.directoryRole'
const globalAdministrator = '62e90394-69f5-4237-9190-012177145e10'

type Page = { '@odata.context': string; '@odata.count'?: number; value: Array<Record<string, unknown>> }

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
afterAll(() => sandbox.close())

describe('OData casts on /me/transitiveMemberOf (user-list-transitivememberof)', () => {
  it('a bare cast needs no advanced query parameters, pages with $top and narrows with $select', async () => {
    const page = await graph.json<Page>(`${cast}?$select=roleTemplateId&$top=1`, { scopes: roleReader })
    expect(page['@odata.context']).toBe(`${sandbox.baseUrl}v1.0/$metadata#directoryRoles(roleTemplateId)`)
    expect(page.value).toHaveLength(1)
    expect(Object.keys(page.value[0] ?? {}).sort()).toEqual(['@odata.type', 'roleTemplateId'])
  })

  it('a cast with $filter needs ConsistencyLevel: eventual and $count=true, as every $filter on this relationship does', async () => {
    const filter = `$filter=${encodeURIComponent("displayName eq 'Global Administrator'")}`
    const refused = await graph.failure(`${cast}?${filter}`, { scopes: roleReader })
    expect(refused).toMatchObject({ status: 400, code: 'Request_UnsupportedQuery' })
    expect(refused.message).toContain("Operator 'eq' is not supported because the required parameters might be missing.")
    expect((await graph.failure(`me/transitiveMemberOf?${filter}`, { scopes: roleReader })).status).toBe(400)
    const page = await graph.json<Page>(`${cast}?${filter}&$count=true`, { scopes: roleReader, headers: eventual })
    expect(page.value.map((role) => role.roleTemplateId)).toEqual([globalAdministrator])
    expect(page['@odata.count']).toBe(1)
  })

  it('$search on displayName needs the header; $orderby needs both advanced query parameters', async () => {
    const search = `${cast}?$search=${encodeURIComponent('"displayName:global"')}`
    expect(await graph.failure(search, { scopes: roleReader })).toMatchObject({ status: 400, code: 'Request_UnsupportedQuery' })
    expect((await graph.json<Page>(search, { scopes: roleReader, headers: eventual })).value.map((role) => role.roleTemplateId)).toEqual([globalAdministrator])
    expect(await graph.failure(`${cast}?$orderby=displayName`, { scopes: roleReader, headers: eventual })).toMatchObject({ message: 'Sorting not supported for current query.' })
    const sorted = await graph.json<Page>(`${cast}?$orderby=displayName&$count=true`, { scopes: roleReader, headers: eventual })
    const names = sorted.value.map((role) => String(role.displayName))
    expect(names).toEqual([...names].sort())
  })

  it('casts to the other membership types answer their own entity set; a type no user is a member of is Request_UnsupportedQuery', async () => {
    const groups = await graph.json<Page>('me/transitiveMemberOf/microsoft.graph.group', { scopes: roleReader })
    expect(groups['@odata.context']).toBe(`${sandbox.baseUrl}v1.0/$metadata#groups`)
    expect(groups.value).toEqual([])
    expect(await graph.failure('me/transitiveMemberOf/microsoft.graph.user', { scopes: roleReader })).toMatchObject({ status: 400, code: 'Request_UnsupportedQuery' })
    expect(await graph.failure('me/transitiveMemberOf/microsoft.graph.nonsense', { scopes: roleReader })).toEqual({
      status: 400,
      code: 'BadRequest',
      message: "Resource not found for the segment 'microsoft.graph.nonsense'."
    })
  })

  it('inside a $batch, ConsistencyLevel travels in the request\u2019s own headers (aad-advanced-queries.md)', async () => {
    const url = `/${cast}?$count=true&$filter=${encodeURIComponent("startsWith(displayName,'Global')")}`
    const body = JSON.stringify({
      requests: [
        { id: 'without', method: 'GET', url },
        { id: 'with', method: 'GET', url, headers: eventual }
      ]
    })
    const response = await graph.call('$batch', { method: 'POST', scopes: roleReader, headers: { 'Content-Type': 'application/json' }, body })
    const { responses } = (await response.json()) as { responses: Array<{ id: string; status: number; body: { '@odata.count'?: number } }> }
    expect(responses.find((item) => item.id === 'without')?.status).toBe(400)
    const answered = responses.find((item) => item.id === 'with')
    expect(answered?.status).toBe(200)
    expect(answered?.body['@odata.count']).toBe(1)
  })
})
