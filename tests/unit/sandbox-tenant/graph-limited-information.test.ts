import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { eventual, scopesWithoutDirectoryRead, sandboxGraph } from '../../support/sandbox-graph-requests.ts'

let sandbox: SandboxTenant
const graph = sandboxGraph(() => sandbox)
const globalAdministrator = '62e90394-69f5-4237-9190-012177145e10'
const paths = ['me/transitiveMemberOf', 'me/transitiveMemberOf/microsoft.graph.directoryRole']

type Roles = { value: Array<Record<string, unknown>> }

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
afterAll(() => sandbox.close())

describe("Graph's limited-information rule for directory roles in a user's memberships", () => {
  it.each(paths)('%s with User.Read alone lists each role with @odata.type and id only', async (path) => {
    const roles = await graph.json<Roles>(path, { scopes: ['User.Read'] })
    expect(roles.value.length).toBeGreaterThan(0)
    for (const role of roles.value) {
      expect(Object.keys(role).sort()).toEqual(['@odata.type', 'id'])
      expect(role['@odata.type']).toBe('#microsoft.graph.directoryRole')
    }
  })

  it.each(paths)("%s with the manifest's permissions still hides roleTemplateId: none of them reads roles", async (path) => {
    const roles = await graph.json<Roles>(path, { scopes: scopesWithoutDirectoryRead })
    expect(roles.value.map((role) => role.roleTemplateId)).not.toContain(globalAdministrator)
    expect(roles.value.every((role) => role.displayName === undefined)).toBe(true)
  })

  it.each(['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'])(
    'User.Read with %s reads roles in full, roleTemplateId and displayName included',
    async (permission) => {
      for (const path of paths) {
        const roles = await graph.json<Roles>(path, { scopes: ['User.Read', permission] })
        const globalAdmin = roles.value.find((role) => role.roleTemplateId === globalAdministrator)
        expect(globalAdmin, `${path} with ${permission}`).toMatchObject({ displayName: 'Global Administrator', '@odata.type': '#microsoft.graph.directoryRole' })
      }
    }
  )

  it('keeps the same role ids either way, so limited entries still count the roles', async () => {
    const limited = await graph.json<Roles>(paths[1] ?? '', { scopes: ['User.Read'] })
    const full = await graph.json<Roles>(paths[1] ?? '', { scopes: ['User.Read', 'RoleManagement.Read.Directory'] })
    expect(limited.value.map((role) => role.id)).toEqual(full.value.map((role) => role.id))
  })

  it('a permission that reads other directory data (Group.Read.All, User.Read.All) does not reveal roles', async () => {
    for (const permission of ['Group.Read.All', 'User.Read.All', 'Organization.Read.All']) {
      const roles = await graph.json<Roles>(paths[1] ?? '', { scopes: ['User.Read', permission] })
      expect(roles.value.every((role) => role.roleTemplateId === undefined), permission).toBe(true)
    }
  })

  it('$select cannot bring a hidden property back', async () => {
    const roles = await graph.json<Roles>(`${paths[1] ?? ''}?$select=id,roleTemplateId,displayName`, { scopes: ['User.Read'] })
    expect(roles.value.every((role) => role.roleTemplateId === undefined && typeof role.id === 'string')).toBe(true)
  })

  // The query runs on what the token may read: otherwise a $count of a filter on displayName would
  // tell a User.Read token which roles the user holds.
  it.each([
    ["$filter=displayName eq 'Global Administrator'", '$filter'],
    ["$filter=startsWith(displayName,'Global')", '$filter with startsWith'],
    ['$search="displayName:Global"', '$search']
  ])('a query on a hidden displayName (%s) matches nothing with User.Read, in a list and in $count', async (query) => {
    const request = { scopes: ['User.Read'], headers: eventual }
    const listed = await graph.json<Roles & { '@odata.count': number }>(`${paths[1] ?? ''}?${query}&$count=true`, request)
    expect(listed.value).toEqual([])
    expect(listed['@odata.count']).toBe(0)
    expect(await (await graph.call(`${paths[1] ?? ''}/$count?${query}&$count=true`, request)).text()).toBe('0')
    // With a permission that reads roles, the same query finds the role.
    const full = await graph.json<Roles>(`${paths[1] ?? ''}?${query}&$count=true`, { scopes: ['User.Read', 'RoleManagement.Read.Directory'], headers: eventual })
    expect(full.value.map((role) => role.roleTemplateId)).toEqual([globalAdministrator])
  })

  it('a filter on id, which the token may read, still works with User.Read', async () => {
    const [first] = (await graph.json<Roles>(paths[1] ?? '', { scopes: ['User.Read'] })).value
    const found = await graph.json<Roles>(`${paths[1] ?? ''}?$filter=id eq '${String(first?.id)}'&$count=true`, { scopes: ['User.Read'], headers: eventual })
    expect(found.value).toEqual([first])
  })
})
