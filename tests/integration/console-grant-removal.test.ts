import type { Client } from '@microsoft/microsoft-graph-client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { removeConsoleGrants, removeGrantsByHand } from '../../src/main/microsoft-365/graph/console-grant-removal.ts'
import { createMicrosoftGraphClient } from '../../src/main/microsoft-365/graph/microsoft-graph-client.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { signInOverHttp } from '../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const manifestGrant = { graph: ['openid', 'profile', 'offline_access', 'Directory.Read.All'], management: ['ActivityFeed.Read'] }
/** What the token of the sign-in at disconnect holds: the standing grant plus the write permission asked for then. */
const disconnectScopes = ['Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All']

let sandbox: SandboxTenant

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
afterAll(() => sandbox.close())
beforeEach(() => {
  sandbox.scenario.reset()
  sandbox.scenario.setGrantedPermissions(manifestGrant)
})

function graphAs(account = megan, scopes = disconnectScopes): Client {
  return createMicrosoftGraphClient({
    graphEndpoint: sandbox.baseUrl,
    accessToken: () => Promise.resolve(sandbox.issueAccessToken({ userPrincipalName: account, resource: 'graph', scopes })),
    retry: { delaySeconds: 0, maxRetries: 0 }
  })
}

/** Every grant the console's service principal holds, as Graph lists them. */
async function consoleGrants(): Promise<Array<{ consentType: string }>> {
  const graph = graphAs(megan, ['Directory.Read.All'])
  const sp = (await graph.api(`/servicePrincipals(appId='${sandbox.clientId}')`).get()) as { id: string }
  const grants = (await graph.api('/oauth2PermissionGrants').filter(`clientId eq '${sp.id}'`).get()) as { value: Array<{ consentType: string }> }
  return grants.value
}

describe('removing the console’s grants at disconnect, against the sandbox', () => {
  it('removes the tenant-wide grants of both resources and the admin’s own, after which a second listing is empty', async () => {
    await signInOverHttp(sandbox, {
      account: megan,
      onBehalfOfOrganisation: false,
      overrides: { scope: 'https://graph.microsoft.com/DelegatedPermissionGrant.ReadWrite.All openid profile offline_access' }
    })
    expect((await consoleGrants()).map((grant) => grant.consentType).sort()).toEqual(['AllPrincipals', 'AllPrincipals', 'Principal'])

    expect(await removeConsoleGrants({ graph: graphAs(), clientId: sandbox.clientId })).toEqual({ ok: true, removed: 3 })

    expect(await consoleGrants()).toEqual([])
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
  })

  it('has nothing to remove a second time, and says so without failing', async () => {
    expect(await removeConsoleGrants({ graph: graphAs(), clientId: sandbox.clientId })).toEqual({ ok: true, removed: 2 })
    expect(await removeConsoleGrants({ graph: graphAs(), clientId: sandbox.clientId })).toEqual({ ok: true, removed: 0 })
  })

  it('has nothing to remove in a tenant that never met the console', async () => {
    sandbox.scenario.reset()
    expect(await removeConsoleGrants({ graph: graphAs(), clientId: sandbox.clientId })).toEqual({ ok: true, removed: 0 })
  })

  it('fails without the write permission, keeps the grants, and says how to remove them by hand', async () => {
    const result = await removeConsoleGrants({ graph: graphAs(megan, ['Directory.Read.All']), clientId: sandbox.clientId })
    expect(result).toMatchObject({
      ok: false,
      title: 'The console’s permissions were not removed from the tenant, because Microsoft 365 did not allow it for this account.',
      fix: removeGrantsByHand,
      details: { code: 'Authorization_RequestDenied', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown }
    })
    expect(removeGrantsByHand).toContain('Enterprise applications')
    expect(removeGrantsByHand).toContain('Permissions')
    expect(sandbox.scenario.grantedPermissions()).toEqual(manifestGrant)
  })

  it('fails for an account whose role may not remove consent, even with the permission in its token', async () => {
    sandbox.scenario.setGlobalAdministrator(null)
    // Megan keeps Cloud Application Administrator, which may; Adele holds no role at all.
    const result = await removeConsoleGrants({ graph: graphAs('AdeleV@contoso.onmicrosoft.com'), clientId: sandbox.clientId })
    expect(result.ok).toBe(false)
    expect(sandbox.scenario.grantedPermissions()).toEqual(manifestGrant)
  })

  it('fails during an outage with the 503’s details', async () => {
    sandbox.scenario.setOutage('graph')
    expect(await removeConsoleGrants({ graph: graphAs(), clientId: sandbox.clientId })).toMatchObject({
      ok: false,
      title: 'The console’s permissions were not removed from the tenant, because Microsoft 365 is not available right now.',
      details: { code: 'serviceNotAvailable' }
    })
  })

  it('says when it got part of the way, if Microsoft stops answering between two deletions', async () => {
    // The token is asked for before each request: the service principal, the list, then one deletion
    // each. The outage begins just before the second deletion.
    let requests = 0
    const graph = createMicrosoftGraphClient({
      graphEndpoint: sandbox.baseUrl,
      accessToken: () => {
        requests += 1
        if (requests === 4) sandbox.scenario.setOutage('graph')
        return Promise.resolve(sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes: disconnectScopes }))
      },
      retry: { delaySeconds: 0, maxRetries: 0 }
    })
    const result = await removeConsoleGrants({ graph, clientId: sandbox.clientId })
    expect(requests).toBe(4)
    expect(result).toMatchObject({
      ok: false,
      title: 'Not all of the console’s permissions were removed from the tenant, because Microsoft 365 is not available right now.'
    })
    sandbox.scenario.endOutage()
    expect(await consoleGrants()).toHaveLength(1)
  })
})
