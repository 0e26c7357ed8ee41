import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { sandboxGraph } from '../../support/sandbox-graph-requests.ts'

let sandbox: SandboxTenant
let consoleServicePrincipalId = ''
const graph = sandboxGraph(() => sandbox)
const missingGrant = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

interface CallCase {
  call: string
  method: 'GET' | 'DELETE'
  path: () => string
  /** What the call answers once its permission check passes. */
  allowed: number
  leastPrivileged: string
  higher: readonly string[]
  unrelated: readonly string[]
}

// The calls of DESIGN.md's "Least privilege, call by call", with the Graph v1.0 reference's higher
// privileged permissions, and permissions that open other calls but not this one.
const cases: CallCase[] = [
  { call: 'GET /me', method: 'GET', path: () => 'me', allowed: 200, leastPrivileged: 'User.Read', higher: ['User.Read.All', 'Directory.Read.All'], unrelated: ['Application.Read.All', 'Organization.Read.All'] },
  { call: 'GET /organization', method: 'GET', path: () => 'organization', allowed: 200, leastPrivileged: 'User.Read', higher: ['Organization.Read.All', 'Directory.ReadWrite.All'], unrelated: ['Application.Read.All', 'LicenseAssignment.Read.All'] },
  {
    call: 'GET /me/transitiveMemberOf/microsoft.graph.directoryRole',
    method: 'GET',
    path: () => 'me/transitiveMemberOf/microsoft.graph.directoryRole',
    allowed: 200,
    leastPrivileged: 'User.Read',
    higher: ['GroupMember.Read.All', 'Directory.Read.All'],
    unrelated: ['Organization.Read.All', 'RoleManagement.Read.Directory']
  },
  {
    call: 'GET /subscribedSkus',
    method: 'GET',
    path: () => 'subscribedSkus',
    allowed: 200,
    leastPrivileged: 'LicenseAssignment.Read.All',
    higher: ['Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
    unrelated: ['User.Read', 'Application.Read.All']
  },
  {
    call: "GET /servicePrincipals(appId='…')",
    method: 'GET',
    path: () => `servicePrincipals(appId='${sandbox.clientId}')`,
    allowed: 200,
    leastPrivileged: 'Application.Read.All',
    higher: ['Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    unrelated: ['User.Read', 'DelegatedPermissionGrant.ReadWrite.All']
  },
  {
    call: "GET /oauth2PermissionGrants?$filter=clientId eq '…'",
    method: 'GET',
    path: () => `oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${consoleServicePrincipalId}'`)}`,
    allowed: 200,
    leastPrivileged: 'Directory.Read.All',
    higher: ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'],
    // The reference does not list DelegatedPermissionGrant.Read.All for this call.
    unrelated: ['Application.Read.All', 'DelegatedPermissionGrant.Read.All']
  },
  {
    call: 'GET /servicePrincipals/{id}/oauth2PermissionGrants',
    method: 'GET',
    path: () => `servicePrincipals/${consoleServicePrincipalId}/oauth2PermissionGrants`,
    allowed: 200,
    leastPrivileged: 'Directory.Read.All',
    higher: ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'],
    unrelated: ['Application.Read.All', 'User.Read']
  },
  {
    call: 'DELETE /oauth2PermissionGrants/{id}',
    method: 'DELETE',
    // An id no grant has: past the permission check, the answer is 404, so nothing is deleted.
    path: () => `oauth2PermissionGrants/${missingGrant}`,
    allowed: 404,
    leastPrivileged: 'DelegatedPermissionGrant.ReadWrite.All',
    higher: ['Directory.ReadWrite.All'],
    unrelated: ['Directory.Read.All', 'DelegatedPermissionGrant.Read.All']
  }
]

beforeAll(async () => {
  sandbox = await startSandboxTenant()
  sandbox.scenario.setGrantedPermissions({ graph: ['User.Read'] })
  consoleServicePrincipalId = String((await graph.json(`servicePrincipals(appId='${sandbox.clientId}')`, { scopes: ['Application.Read.All'] })).id)
})
afterAll(() => sandbox.close())

describe('each Graph call checks the permissions its v1.0 reference accepts', () => {
  describe.each(cases)('$call', ({ method, path, allowed, leastPrivileged, higher, unrelated }) => {
    it(`accepts the least privileged permission, ${leastPrivileged}`, async () => {
      expect((await graph.call(path(), { method, scopes: [leastPrivileged] })).status).toBe(allowed)
    })

    it.each(higher)('accepts the higher privileged %s', async (permission) => {
      expect((await graph.call(path(), { method, scopes: [permission] })).status).toBe(allowed)
    })

    it.each(unrelated)("refuses %s with 403 Authorization_RequestDenied", async (permission) => {
      expect(await graph.failure(path(), { method, scopes: [permission] })).toEqual({
        status: 403,
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.'
      })
    })
  })

  it('nothing was deleted along the way', () => {
    expect(sandbox.scenario.grantedPermissions().graph).toEqual(['User.Read'])
  })
})
