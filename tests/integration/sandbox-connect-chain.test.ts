import { chromium, type Browser } from '@playwright/test'
import { PublicClientApplication, type AccountInfo } from '@azure/msal-node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions } from '../support/chromium.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { signInWithBrowser, type SandboxSignInOptions } from '../support/sandbox-sign-in.ts'
import { probeAuditLog } from '../../src/main/microsoft-365/audit-log/audit-log-probe.ts'
import { removeConsoleGrants } from '../../src/main/microsoft-365/graph/console-grant-removal.ts'
import { createMicrosoftGraphClient } from '../../src/main/microsoft-365/graph/microsoft-graph-client.ts'
import { grantRemovalPermission, manifestPermissionsOn } from '../../src/main/microsoft-365/permission-manifest.ts'
import { checkPrerequisites } from '../../src/main/microsoft-365/prerequisites/check-prerequisites.ts'
import { globalAdministratorTemplateId } from '../../src/main/microsoft-365/prerequisites/global-administrator-check.ts'

// The scopes the console asks for, from its permission manifest: Directory.Read.All on Graph, and
// ActivityFeed.Read on the Management APIs in the same visit.
const graphScopes = manifestPermissionsOn('graph').map((name) => `https://graph.microsoft.com/${name}`)
const managementScopes = manifestPermissionsOn('management').map((name) => `https://manage.office.com/${name}`)
const grantRemovalScope = `https://graph.microsoft.com/${grantRemovalPermission.name}`

/**
 * The whole path a connect takes (DESIGN.md, data flow), with every piece real: msal-node signs in
 * on the sandbox's pages in Chromium, and its tokens then drive the console's own Graph client,
 * prerequisite checks, audit-log probe and grant removal.
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

  function publicClient(): PublicClientApplication {
    return new PublicClientApplication({
      auth: { clientId: sandbox.clientId, authority: 'https://login.microsoftonline.com/organizations', authorityMetadata }
    })
  }

  async function signIn(app: PublicClientApplication, scopes: string[], browsing: SandboxSignInOptions, extraScopesToConsent?: string[]) {
    const page = await browser.newPage()
    let visit: Promise<unknown> = Promise.resolve()
    try {
      const result = await app.acquireTokenInteractive({
        scopes,
        ...(extraScopesToConsent ? { extraScopesToConsent } : {}),
        prompt: 'select_account',
        openBrowser: (url) => {
          visit = signInWithBrowser(page, url, browsing)
          return Promise.resolve()
        }
      })
      expect(await visit).toBe('returned-to-app')
      return result
    } finally {
      await visit.catch(() => undefined)
      await page.close()
    }
  }

  /** Step 1 as the console runs it: one sign-in that consents to both resources, then silent tokens per resource. */
  async function connectAs(account: string) {
    const app = publicClient()
    const result = await signIn(app, graphScopes, { account, consent: 'accept' }, managementScopes)
    const signedIn = result.account as AccountInfo
    const graph = createMicrosoftGraphClient({
      graphEndpoint: sandbox.baseUrl,
      accessToken: async () => (await app.acquireTokenSilent({ account: signedIn, scopes: graphScopes })).accessToken
    })
    const managementToken = async () => (await app.acquireTokenSilent({ account: signedIn, scopes: managementScopes })).accessToken
    return { app, account: signedIn, graph, managementToken }
  }

  it('passes every prerequisite for Megan at Contoso, sees her Global Administrator template, and finds the audit log on', async () => {
    const { graph, managementToken, account } = await connectAs('MeganB@contoso.onmicrosoft.com')

    // Directory.Read.All reads directory roles in full, so the role comes with its template.
    const roles = (await graph.api('/me/transitiveMemberOf/microsoft.graph.directoryRole').get()) as { value: Array<{ roleTemplateId?: string }> }
    expect(roles.value.map((role) => role.roleTemplateId)).toContain(globalAdministratorTemplateId)

    const report = await checkPrerequisites({ graph, clientId: sandbox.clientId })
    expect(report).toEqual({
      ok: true,
      tenant: { id: sandbox.tenantId, name: 'Contoso', domain: 'contoso.onmicrosoft.com' },
      account: 'MeganB@contoso.onmicrosoft.com',
      grantedPermissions: expect.arrayContaining(['Directory.Read.All', 'ActivityFeed.Read']) as unknown
    })
    expect(sandbox.scenario.grantedPermissions()).toEqual({
      graph: expect.arrayContaining(['Directory.Read.All']) as unknown,
      management: ['ActivityFeed.Read']
    })

    expect(await probeAuditLog({ managementEndpoint: sandbox.baseUrl, tenantId: account.tenantId, accessToken: managementToken })).toEqual({ state: 'on' })
  })

  it('stops Fabrikam’s Global Administrator at the subscription check (F1 only), and finds its audit log off', async () => {
    const { graph, managementToken, account } = await connectAs('AlexW@fabrikam.onmicrosoft.com')
    expect(account.tenantId).not.toBe(sandbox.tenantId)

    const report = await checkPrerequisites({ graph, clientId: sandbox.clientId })
    expect(report).toMatchObject({ ok: false, failure: { kind: 'subscription', title: expect.stringContaining('frontline') as unknown } })

    const audit = await probeAuditLog({ managementEndpoint: sandbox.baseUrl, tenantId: account.tenantId, accessToken: managementToken })
    expect(audit.state).toBe('appearsOff')
  })

  it('disconnects by asking for the write permission then, removing every grant, after which a refresh needs a new sign-in', async () => {
    const { app, account } = await connectAs('MeganB@contoso.onmicrosoft.com')
    expect(sandbox.scenario.grantedPermissions().graph).not.toContain(grantRemovalPermission.name)

    // As YES, DISCONNECT does: a second visit that asks for DelegatedPermissionGrant.ReadWrite.All by
    // name. Megan accepts it for herself only, so the console now holds a grant of each consent type.
    const removalApp = publicClient()
    const removal = await signIn(removalApp, [grantRemovalScope], { account: 'MeganB@contoso.onmicrosoft.com', consent: 'accept', onBehalfOfOrganisation: false })
    expect(sandbox.scenario.grantedPermissions().graph).not.toContain(grantRemovalPermission.name)

    const graph = createMicrosoftGraphClient({ graphEndpoint: sandbox.baseUrl, accessToken: () => Promise.resolve(removal.accessToken) })
    const result = await removeConsoleGrants({ graph, clientId: sandbox.clientId })
    // Graph and the Management APIs tenant-wide, and Megan's own grant of the write permission.
    expect(result).toEqual({ ok: true, removed: 3 })

    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
    const refresh = await app.acquireTokenSilent({ account, scopes: graphScopes, forceRefresh: true }).catch((error: unknown) => error)
    expect(refresh).toMatchObject({ errorCode: 'invalid_grant', subError: 'consent_required' })
  })
})
