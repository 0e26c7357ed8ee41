import { chromium, type Browser } from '@playwright/test'
import { PublicClientApplication, type AccountInfo } from '@azure/msal-node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions } from '../support/chromium.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { createSandboxGraphClient } from '../support/sandbox-graph-client.ts'
import { signInWithBrowser } from '../support/sandbox-sign-in.ts'

const globalAdministratorTemplate = '62e90394-69f5-4237-9190-012177145e10'
const graphScopes = [
  'https://graph.microsoft.com/User.Read',
  'https://graph.microsoft.com/Organization.Read.All',
  'https://graph.microsoft.com/Application.Read.All',
  'https://graph.microsoft.com/DelegatedPermissionGrant.ReadWrite.All'
]
const activityFeed = 'https://manage.office.com/ActivityFeed.Read'

interface ListOf<T> {
  value: T[]
}

/**
 * The whole path a connect takes (DESIGN.md, data flow), with every piece real: msal-node signs in
 * on the sandbox's pages in Chromium, and its tokens then drive the Graph client and the Management
 * Activity API through the prerequisite checks the console makes.
 */
describe('a connect against the sandbox tenant, from sign-in to the prerequisite checks', () => {
  let sandbox: SandboxTenant
  let browser: Browser
  let authorityMetadata: string

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
    browser = await chromium.launch(chromiumLaunchOptions())
    const metadata = (await (await fetch(new URL('organizations/v2.0/.well-known/openid-configuration', sandbox.baseUrl))).json()) as object
    authorityMetadata = JSON.stringify({ ...metadata, issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' })
  })
  afterAll(async () => {
    await browser?.close()
    await sandbox?.close()
  })
  beforeEach(() => sandbox.scenario.reset())

  async function connectAs(account: string) {
    const app = new PublicClientApplication({
      auth: { clientId: sandbox.clientId, authority: 'https://login.microsoftonline.com/organizations', authorityMetadata }
    })
    const page = await browser.newPage()
    let browsing: Promise<unknown> = Promise.resolve()
    try {
      const result = await app.acquireTokenInteractive({
        scopes: graphScopes,
        extraScopesToConsent: [activityFeed],
        prompt: 'select_account',
        openBrowser: (url) => {
          browsing = signInWithBrowser(page, url, { account, consent: 'accept' })
          return Promise.resolve()
        }
      })
      expect(await browsing).toBe('returned-to-app')
      const signedIn = result.account as AccountInfo
      const graph = createSandboxGraphClient({
        baseUrl: sandbox.baseUrl,
        accessToken: async () => (await app.acquireTokenSilent({ account: signedIn, scopes: graphScopes })).accessToken
      })
      const managementToken = async () => (await app.acquireTokenSilent({ account: signedIn, scopes: [activityFeed] })).accessToken
      return { app, account: signedIn, graph, managementToken }
    } finally {
      await browsing.catch(() => undefined)
      await page.close()
    }
  }

  async function auditSubscriptions(tenantId: string, token: string): Promise<Response> {
    return fetch(new URL(`api/v1.0/${tenantId}/activity/feed/subscriptions/list`, sandbox.baseUrl), {
      headers: { Authorization: `Bearer ${token}` }
    })
  }

  it('finds a qualifying subscription, the tenant-wide grant and the audit log; the manifest alone shows roles without their template', async () => {
    const { graph, managementToken, account } = await connectAs('MeganB@contoso.onmicrosoft.com')

    // None of the manifest's permissions reads directory roles, so Graph's limited-information rule
    // leaves each role with its type and id only: the Global Administrator check needs
    // RoleManagement.Read.Directory (or a higher directory read) in the grant.
    const roles = (await graph.api('/me/transitiveMemberOf/microsoft.graph.directoryRole').get()) as ListOf<Record<string, unknown>>
    expect(roles.value.length).toBeGreaterThan(0)
    expect(roles.value.every((role) => role['@odata.type'] === '#microsoft.graph.directoryRole' && typeof role.id === 'string')).toBe(true)
    expect(roles.value.map((role) => role.roleTemplateId)).not.toContain(globalAdministratorTemplate)

    const skus = (await graph.api('/subscribedSkus').get()) as ListOf<{
      capabilityStatus: string
      prepaidUnits: { enabled: number }
      servicePlans: Array<{ servicePlanName: string }>
    }>
    const qualifying = skus.value.filter(
      (sku) =>
        sku.capabilityStatus === 'Enabled' &&
        sku.prepaidUnits.enabled > 0 &&
        sku.servicePlans.some((plan) => plan.servicePlanName.startsWith('EXCHANGE_S_')) &&
        sku.servicePlans.some((plan) => plan.servicePlanName.startsWith('SHAREPOINT'))
    )
    expect(qualifying).toHaveLength(1)

    const servicePrincipal = (await graph.api(`/servicePrincipals(appId='${sandbox.clientId}')`).get()) as { id: string }
    const grants = (await graph
      .api('/oauth2PermissionGrants')
      .filter(`clientId eq '${servicePrincipal.id}' and consentType eq 'AllPrincipals'`)
      .get()) as ListOf<{ scope: string }>
    const granted = grants.value.flatMap((grant) => grant.scope.split(' '))
    expect(granted).toEqual(expect.arrayContaining(['User.Read', 'Organization.Read.All', 'ActivityFeed.Read']))

    const audit = await auditSubscriptions(account.tenantId, await managementToken())
    expect(audit.status).toBe(200)
    expect(await audit.json()).toEqual([])
  })

  it('lets the prerequisite checks see a second tenant without a qualifying subscription and with the audit log off', async () => {
    const { graph, managementToken, account } = await connectAs('AlexW@fabrikam.onmicrosoft.com')
    expect(account.tenantId).not.toBe(sandbox.tenantId)

    const skus = (await graph.api('/subscribedSkus').get()) as ListOf<{ skuPartNumber: string; servicePlans: Array<{ servicePlanName: string }> }>
    expect(skus.value.map((sku) => sku.skuPartNumber)).toEqual(['M365_F1_COMM'])
    expect(skus.value[0]?.servicePlans.map((plan) => plan.servicePlanName)).not.toContain('EXCHANGE_S_STANDARD')

    const audit = await auditSubscriptions(account.tenantId, await managementToken())
    expect(audit.status).toBe(400)
    expect(JSON.stringify(await audit.json())).toContain(`Tenant ${account.tenantId} does not exist`)
  })

  it('disconnects by deleting the tenant-wide grants, after which a refresh needs a new sign-in', async () => {
    const { app, graph, account } = await connectAs('MeganB@contoso.onmicrosoft.com')
    const servicePrincipal = (await graph.api(`/servicePrincipals(appId='${sandbox.clientId}')`).get()) as { id: string }
    const grants = (await graph.api('/oauth2PermissionGrants').filter(`clientId eq '${servicePrincipal.id}'`).get()) as ListOf<{ id: string }>
    expect(grants.value.length).toBeGreaterThan(0)
    for (const grant of grants.value) await graph.api(`/oauth2PermissionGrants/${grant.id}`).delete()

    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
    const refresh = await app.acquireTokenSilent({ account, scopes: graphScopes, forceRefresh: true }).catch((error: unknown) => error)
    expect(refresh).toMatchObject({ errorCode: 'invalid_grant', subError: 'consent_required' })
  })
})
