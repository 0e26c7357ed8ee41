import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'
// Every permission these calls accept, so that only the signed-in user's role can make a difference.
const scopes = ['User.Read', 'Directory.Read.All', 'Application.Read.All', 'LicenseAssignment.Read.All']

let sandbox: SandboxTenant

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
// A tenant-wide grant, so that the console's service principal and a grant exist to be read.
beforeEach(() => sandbox.scenario.setGrantedPermissions({ graph: ['User.Read', 'Organization.Read.All'] }))
afterEach(() => sandbox.scenario.reset())
afterAll(() => sandbox.close())

function get(path: string, account: string): Promise<Response> {
  const token = sandbox.issueAccessToken({ userPrincipalName: account, resource: 'graph', scopes })
  return fetch(`${sandbox.baseUrl}v1.0/${path}`, { headers: { Authorization: `Bearer ${token}`, ConsistencyLevel: 'eventual' } })
}

async function grantPaths(): Promise<string[]> {
  const client = (await (await get(`servicePrincipals(appId='${sandbox.clientId}')`, megan)).json()) as { id: string }
  const grants = (await (await get('oauth2PermissionGrants', megan)).json()) as { value: Array<{ id: string }> }
  expect(client.id).toMatch(/^[0-9a-f-]{36}$/)
  expect(grants.value).not.toHaveLength(0)
  return [
    'oauth2PermissionGrants',
    `oauth2PermissionGrants?$filter=clientId eq '${client.id}' and consentType eq 'AllPrincipals'`,
    'oauth2PermissionGrants/$count',
    `oauth2PermissionGrants/${grants.value[0]?.id ?? ''}`,
    `servicePrincipals/${client.id}/oauth2PermissionGrants`
  ]
}

// oauth2permissiongrant-list, -get and serviceprincipal-list-oauth2permissiongrants: "the signed-in user
// must be assigned a supported Microsoft Entra role".
describe('Graph: reading delegated permission grants takes a supported Entra role as well as the permission', () => {
  it('refuses Adele, who holds no role, with 403 Authorization_RequestDenied on every grant read', async () => {
    for (const path of await grantPaths()) {
      const response = await get(path, adele)
      expect(response.status, path).toBe(403)
      const { error } = (await response.json()) as { error: { code: string; message: string } }
      expect(error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' })
    }
  })

  it('answers Megan, a Global Administrator, and Megan demoted to Cloud Application Administrator', async () => {
    const paths = await grantPaths()
    for (const path of paths) expect((await get(path, megan)).status, path).toBe(200)
    sandbox.scenario.setGlobalAdministrator(null)
    for (const path of paths) expect((await get(path, megan)).status, `${path}, demoted`).toBe(200)
  })

  it('asks no role for subscribedSkus or a service principal: their role notes cover acting on another user only', async () => {
    expect((await get('subscribedSkus', adele)).status).toBe(200)
    expect((await get(`servicePrincipals(appId='${sandbox.clientId}')`, adele)).status).toBe(200)
  })
})
