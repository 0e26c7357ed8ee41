import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  ServerError,
  type AccountInfo,
  type AuthenticationResult
} from '@azure/msal-node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions } from '../support/chromium.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { signInWithBrowser, type SandboxSignInOptions, type SandboxSignInOutcome } from '../support/sandbox-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'
const graphScopes = [
  'https://graph.microsoft.com/User.Read',
  'https://graph.microsoft.com/Organization.Read.All',
  'https://graph.microsoft.com/Application.Read.All',
  'https://graph.microsoft.com/DelegatedPermissionGrant.Read.All'
]
const activityFeed = 'https://manage.office.com/ActivityFeed.Read'

function decodeClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

describe('the real msal-node PublicClientApplication against the sandbox tenant', () => {
  let sandbox: SandboxTenant
  let browser: Browser
  let authorityMetadata: string
  let browserContext: BrowserContext
  let page: Page

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
    browser = await chromium.launch(chromiumLaunchOptions())
    const response = await fetch(new URL('organizations/v2.0/.well-known/openid-configuration', sandbox.baseUrl))
    const metadata = (await response.json()) as Record<string, unknown>
    // DESIGN.md's recipe: MSAL needs an https authority, so the cloud's name stays and the endpoints are the sandbox's.
    authorityMetadata = JSON.stringify({ ...metadata, issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' })
  })
  afterAll(async () => {
    await browser?.close()
    await sandbox?.close()
  })
  beforeEach(async () => {
    sandbox.scenario.reset()
    browserContext = await browser.newContext()
    page = await browserContext.newPage()
  })
  afterEach(() => browserContext.close())

  function newApp(): PublicClientApplication {
    return new PublicClientApplication({
      auth: { clientId: sandbox.clientId, authority: 'https://login.microsoftonline.com/organizations', authorityMetadata }
    })
  }

  async function signIn(
    app: PublicClientApplication,
    options: SandboxSignInOptions,
    extraScopesToConsent?: string[]
  ): Promise<{ result: Promise<AuthenticationResult>; outcome: Promise<SandboxSignInOutcome> }> {
    let outcome: Promise<SandboxSignInOutcome> | undefined
    const result = app.acquireTokenInteractive({
      scopes: [...graphScopes, 'openid', 'profile', 'offline_access'],
      ...(extraScopesToConsent ? { extraScopesToConsent } : {}),
      prompt: 'select_account',
      successTemplate: '<h1>Signed in to the Protection Console</h1>',
      errorTemplate: '<h1>The sign-in did not finish</h1>',
      openBrowser: (url) => {
        outcome = signInWithBrowser(page, url, options)
        return Promise.resolve()
      }
    })
    // openBrowser runs once MSAL's loopback listens, so wait for the result before reading the outcome.
    await result.catch(() => undefined)
    if (!outcome) throw new Error('MSAL never opened the browser.')
    return { result, outcome }
  }

  async function signedInAsMegan(app: PublicClientApplication, extra?: string[]): Promise<AuthenticationResult> {
    const { result, outcome } = await signIn(app, { account: megan, consent: 'accept' }, extra)
    expect(await outcome).toBe('returned-to-app')
    return result
  }

  function refreshTokenSecrets(app: PublicClientApplication): string[] {
    const cache = JSON.parse(app.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> }
    return Object.values(cache.RefreshToken).map((entry) => entry.secret)
  }

  async function refreshFails(app: PublicClientApplication, account: AccountInfo): Promise<InteractionRequiredAuthError> {
    const error: unknown = await app.acquireTokenSilent({ account, scopes: graphScopes, forceRefresh: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InteractionRequiredAuthError)
    return error as InteractionRequiredAuthError
  }

  it('signs in Megan with the pages, grants tenant-wide consent, and returns her account and a Graph token', async () => {
    const app = newApp()
    const result = await signedInAsMegan(app)
    expect(result.account?.username).toBe(megan)
    expect(result.account?.tenantId).toBe(sandbox.tenantId)
    expect(result.tenantId).toBe(sandbox.tenantId)
    expect(result.idTokenClaims).toMatchObject({ preferred_username: megan, tid: sandbox.tenantId, ver: '2.0', aud: sandbox.clientId })
    const claims = decodeClaims(result.accessToken)
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', tid: sandbox.tenantId, upn: megan, appid: sandbox.clientId })
    expect(String(claims.scp).split(' ')).toEqual(expect.arrayContaining(['User.Read', 'Organization.Read.All']))
    expect(sandbox.scenario.grantedPermissions().graph).toEqual(
      expect.arrayContaining(['User.Read', 'Organization.Read.All', 'Application.Read.All', 'DelegatedPermissionGrant.Read.All'])
    )
    expect(await page.getByRole('heading', { name: 'Signed in to the Protection Console' }).isVisible()).toBe(true)
  })

  it('serves acquireTokenSilent from the cache, and with forceRefresh refreshes and rotates the refresh token', async () => {
    const app = newApp()
    const first = await signedInAsMegan(app)
    const account = first.account as AccountInfo
    const cached = await app.acquireTokenSilent({ account, scopes: graphScopes })
    expect(cached.fromCache).toBe(true)
    expect(cached.accessToken).toBe(first.accessToken)

    const before = refreshTokenSecrets(app)
    const refreshed = await app.acquireTokenSilent({ account, scopes: graphScopes, forceRefresh: true })
    expect(refreshed.fromCache).toBe(false)
    expect(refreshed.accessToken).not.toBe(first.accessToken)
    const after = refreshTokenSecrets(app)
    expect(after).toHaveLength(1)
    expect(after).not.toEqual(before)
  })

  it('caches a named answer under every granted scope, so a silent call for another granted one needs no request', async () => {
    const app = newApp()
    const account = (await signedInAsMegan(app)).account as AccountInfo
    // A token asked for User.Read alone replaces the cached one; Entra's answer still lists the whole grant.
    const narrow = await app.acquireTokenSilent({ account, scopes: ['https://graph.microsoft.com/User.Read'], forceRefresh: true })
    expect(narrow.scopes).toEqual(expect.arrayContaining(['https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com/Application.Read.All']))
    const requests = sandbox.tokenRequests()
    const other = await app.acquireTokenSilent({ account, scopes: ['https://graph.microsoft.com/Application.Read.All'] })
    expect(other.fromCache).toBe(true)
    expect(other.accessToken).toBe(narrow.accessToken)
    expect(sandbox.tokenRequests()).toBe(requests)
  })

  it('consents to the Management API through extraScopesToConsent, then gets its token silently by a refresh', async () => {
    const app = newApp()
    const first = await signedInAsMegan(app, [activityFeed])
    expect(sandbox.scenario.grantedPermissions().management).toEqual(['ActivityFeed.Read'])
    const management = await app.acquireTokenSilent({ account: first.account as AccountInfo, scopes: [activityFeed] })
    expect(management.fromCache).toBe(false)
    expect(management.scopes).toEqual([activityFeed])
    expect(decodeClaims(management.accessToken)).toMatchObject({ aud: 'https://manage.office.com', scp: 'ActivityFeed.Read' })
  })

  it('raises InteractionRequiredAuthError after consent is revoked', async () => {
    const app = newApp()
    const { account } = await signedInAsMegan(app)
    sandbox.scenario.revokeConsent()
    const error = await refreshFails(app, account as AccountInfo)
    expect(error.subError).toBe('consent_required')
    expect(error.errorMessage).toMatch(/^AADSTS65001: /)
  })

  it('raises InteractionRequiredAuthError when the refresh token has expired', async () => {
    const app = newApp()
    const { account } = await signedInAsMegan(app)
    sandbox.scenario.expireRefreshTokens()
    const error = await refreshFails(app, account as AccountInfo)
    expect(error.subError).toBe('bad_token')
    expect(error.errorMessage).toMatch(/^AADSTS700082: /)
  })

  it('raises InteractionRequiredAuthError when the refresh tokens were revoked', async () => {
    const app = newApp()
    const { account } = await signedInAsMegan(app)
    sandbox.scenario.revokeRefreshTokens(megan)
    const error = await refreshFails(app, account as AccountInfo)
    expect(error.subError).toBe('bad_token')
    expect(error.errorMessage).toMatch(/^AADSTS50173: /)
  })

  it('raises InteractionRequiredAuthError with a claims challenge when MFA becomes required, and signs in again', async () => {
    const app = newApp()
    const { account } = await signedInAsMegan(app)
    sandbox.scenario.requireMfa(true, megan)
    const error = await refreshFails(app, account as AccountInfo)
    expect(error.errorCode).toBe('interaction_required')
    expect(error.subError).toBe('basic_action')
    expect(error.claims).toContain('capolids')

    const again = await signedInAsMegan(app)
    const refreshed = await app.acquireTokenSilent({ account: again.account as AccountInfo, scopes: graphScopes, forceRefresh: true })
    expect(refreshed.fromCache).toBe(false)
  })

  it('leaves "Consent on behalf of your organisation" unticked when asked: a grant for Megan alone that still serves her', async () => {
    const app = newApp()
    const { result, outcome } = await signIn(app, { account: megan, consent: 'accept', onBehalfOfOrganisation: false })
    expect(await outcome).toBe('returned-to-app')
    const { account } = await result
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
    if (!account) throw new Error('MSAL returned no account.')
    const refreshed = await app.acquireTokenSilent({ account, scopes: graphScopes, forceRefresh: true })
    expect(String(decodeClaims(refreshed.accessToken).scp).split(' ')).toContain('Organization.Read.All')
  })

  it('rejects with access_denied when the user presses Cancel on the permissions page', async () => {
    const app = newApp()
    const { result, outcome } = await signIn(app, { account: megan, consent: 'cancel' })
    expect(await outcome).toBe('returned-to-app')
    const error: unknown = await result.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServerError)
    expect((error as ServerError).errorCode).toBe('access_denied')
    expect((error as ServerError).errorMessage).toMatch(/^AADSTS65004: /)
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
  })

  it('shows Adele, who has no admin role, "Need admin approval" on a tenant without consent', async () => {
    const app = newApp()
    const { result, outcome } = await signIn(app, { account: adele, needAdminApproval: 'return' })
    expect(await outcome).toBe('need-admin-approval')
    const error: unknown = await result.catch((e: unknown) => e)
    expect((error as ServerError).errorCode).toBe('access_denied')
    expect((error as ServerError).errorMessage).toMatch(/^AADSTS90094: /)
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
  })
})
