import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadKeytarSecretStore } from '../../src/main/microsoft-365/token-cache/keytar-secret-store.ts'
import { signInFailureOf, silentFailureOf } from '../../src/main/microsoft-365/sign-in/msal-failure.ts'
import type { SignInRequest, SignInOutcome } from '../../src/main/microsoft-365/sign-in/microsoft-sign-in.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { chromiumLaunchOptions } from '../support/chromium.ts'
import {
  activityFeedRead,
  adele,
  createSignInUnderTest,
  directoryRead,
  loopbackPortOf,
  megan,
  portIsFree,
  SystemBrowser,
  tokenCacheFileName,
  uniqueKeychainService,
  type SignInUnderTest
} from '../support/msal-sign-in-harness.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const secrets = loadKeytarSecretStore()
const keychainService = uniqueKeychainService()
const connectRequest: SignInRequest = {
  scopes: [directoryRead],
  extraScopesToConsent: [activityFeedRead],
  prompt: 'select_account',
  timeLimitMs: 15_000
}

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('The condition never came true.')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('sign-in through the system browser, with the real MSAL and keychain, against the sandbox tenant', () => {
  let sandbox: SandboxTenant
  let chromiumBrowser: Browser
  let context: BrowserContext
  let page: Page
  let dataDir: ReturnType<typeof makeTempDir>
  let systemBrowser: SystemBrowser
  let underTest: SignInUnderTest

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
    chromiumBrowser = await chromium.launch(chromiumLaunchOptions())
  })
  afterAll(async () => {
    await chromiumBrowser?.close()
    await sandbox?.close()
  })
  beforeEach(async () => {
    sandbox.scenario.reset()
    context = await chromiumBrowser.newContext()
    page = await context.newPage()
    dataDir = makeTempDir('microsoft-sign-in')
    systemBrowser = new SystemBrowser()
    underTest = await createSignInUnderTest({ sandbox, dataDir: dataDir.path, secrets, keychainService, browser: systemBrowser })
  })
  afterEach(async () => {
    await context.close()
    await secrets.deletePassword(keychainService, 'token-cache-key')
    dataDir.remove()
  })


  async function signedInAsMegan(): Promise<Extract<SignInOutcome, { ok: true }>> {
    systemBrowser.signIn(page, { account: megan, consent: 'accept' })
    const outcome = await underTest.signIn.start(connectRequest).outcome
    expect(await systemBrowser.browsing).toBe('returned-to-app')
    if (!outcome.ok) throw new Error(`The sign-in failed: ${outcome.reason}`)
    return outcome
  }

  it('signs Megan in, consents for Graph and the Management API at once, and then serves her token from the cache', async () => {
    const { signedIn } = await signedInAsMegan()
    expect(signedIn.username).toBe(megan)
    expect(signedIn.tenantId).toBe(sandbox.tenantId)
    expect(signedIn.scopes).toContain(directoryRead)
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: expect.arrayContaining(['Directory.Read.All']) as unknown, management: ['ActivityFeed.Read'] })
    await page.getByRole('heading', { name: 'You are signed in' }).waitFor()
    expect(await page.getByText('You can close this tab and return to the console.').isVisible()).toBe(true)
    expect(await portIsFree(loopbackPortOf(await systemBrowser.nextUrl()))).toBe(true)

    const requests = sandbox.tokenRequests()
    const silent = await underTest.signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead])
    expect(silent).toEqual({ ok: true, accessToken: signedIn.accessToken, scopes: expect.arrayContaining([directoryRead]) as unknown })
    expect(sandbox.tokenRequests()).toBe(requests)
    expect(underTest.tokenCache.persistence()).toBe('keychain')

    const management = await underTest.signIn.acquireSilent(signedIn.account.homeAccountId, [activityFeedRead])
    expect(management).toMatchObject({ ok: true, scopes: [activityFeedRead] })
  })

  it('passes the request on to Microsoft: the prompt, the login hint and both resources’ scopes, for a form-post answer', async () => {
    const picking = underTest.signIn.start(connectRequest)
    const pickingUrl = await systemBrowser.nextUrl()
    expect(pickingUrl.searchParams.get('prompt')).toBe('select_account')
    expect(pickingUrl.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining([directoryRead, activityFeedRead]))
    expect(pickingUrl.searchParams.get('response_mode')).toBe('form_post')
    picking.cancel()
    expect(await picking.outcome).toEqual({ ok: false, reason: 'cancelled', details: null })

    // MSAL drops the hint under select_account (Entra refuses the pair), so the hint goes with another prompt.
    const hinted = underTest.signIn.start({ ...connectRequest, prompt: 'consent', loginHint: megan })
    await waitFor(() => systemBrowser.opened.length === 2)
    const hintedUrl = await systemBrowser.nextUrl()
    expect(hintedUrl.searchParams.get('prompt')).toBe('consent')
    expect(hintedUrl.searchParams.get('login_hint')).toBe(megan)
    hinted.cancel()
    expect(await hinted.outcome).toMatchObject({ reason: 'cancelled' })
  })

  it('reports "declined" when the admin presses Cancel on the permissions page, keeps no account, and shows no error text in the tab', async () => {
    systemBrowser.signIn(page, { account: megan, consent: 'cancel' })
    const outcome = await underTest.signIn.start(connectRequest).outcome
    expect(await systemBrowser.browsing).toBe('returned-to-app')
    expect(outcome).toMatchObject({ ok: false, reason: 'declined', details: { code: 'AADSTS65004' } })
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
    await page.getByRole('heading', { name: 'The sign-in did not finish' }).waitFor()
    expect(await page.content()).not.toMatch(/AADSTS|access_denied/)
    expect(await portIsFree(loopbackPortOf(await systemBrowser.nextUrl()))).toBe(true)
  })

  it('reports "declined" when an account without an admin role may not consent (Need admin approval)', async () => {
    systemBrowser.signIn(page, { account: adele, needAdminApproval: 'return' })
    const outcome = await underTest.signIn.start(connectRequest).outcome
    expect(await systemBrowser.browsing).toBe('need-admin-approval')
    expect(outcome).toMatchObject({ ok: false, reason: 'declined', details: { code: 'AADSTS90094' } })
  })

  it('ends a visit the browser never answers when the admin cancels, and frees the loopback port', async () => {
    const flow = underTest.signIn.start(connectRequest)
    const port = loopbackPortOf(await systemBrowser.nextUrl())
    expect(await portIsFree(port)).toBe(false)
    const requests = sandbox.tokenRequests()
    flow.cancel()
    flow.cancel()
    expect(await flow.outcome).toEqual({ ok: false, reason: 'cancelled', details: null })
    expect(await portIsFree(port)).toBe(true)
    expect(sandbox.tokenRequests()).toBe(requests)
  })

  it('ends at once, without opening the browser, when cancelled before MSAL was ready to open it', async () => {
    const flow = underTest.signIn.start(connectRequest)
    flow.cancel()
    expect(await flow.outcome).toEqual({ ok: false, reason: 'cancelled', details: null })
    expect(systemBrowser.opened).toEqual([])
  })

  it('gives up at its own time limit, says "timedOut", and frees the loopback port', async () => {
    const startedAt = Date.now()
    const flow = underTest.signIn.start({ ...connectRequest, timeLimitMs: 300 })
    const port = loopbackPortOf(await systemBrowser.nextUrl())
    expect(await flow.outcome).toEqual({ ok: false, reason: 'timedOut', details: null })
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290)
    expect(await portIsFree(port)).toBe(true)
    // Cancel after the end changes nothing.
    flow.cancel()
    expect(await flow.outcome).toMatchObject({ reason: 'timedOut' })
  })

  it('accepts nothing from a forged answer with the wrong state: no token request, nothing stored', async () => {
    const flow = underTest.signIn.start({ ...connectRequest, timeLimitMs: 1_500 })
    const port = loopbackPortOf(await systemBrowser.nextUrl())
    const requests = sandbox.tokenRequests()
    const forged = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'code=x&state=wrong'
    })
    expect(forged.status).toBe(400)
    const outcome = await flow.outcome
    expect(outcome.ok).toBe(false)
    expect(sandbox.tokenRequests()).toBe(requests)
    expect(existsSync(join(dataDir.path, tokenCacheFileName))).toBe(false)
    expect(await portIsFree(port)).toBe(true)
  })

  it('accepts nothing from Microsoft’s genuine answer once its state is altered on the way: Megan is not in the cache', async () => {
    let homeAccountId = ''
    await page.route(/^http:\/\/localhost:\d+\/$/, async (route) => {
      const answer = new URLSearchParams(route.request().postData() ?? '')
      const clientInfo = JSON.parse(Buffer.from(answer.get('client_info') ?? '', 'base64url').toString('utf8')) as { uid: string; utid: string }
      homeAccountId = `${clientInfo.uid}.${clientInfo.utid}`
      answer.set('state', `${answer.get('state') ?? ''}x`)
      await route.continue({ postData: answer.toString() })
    })
    systemBrowser.signIn(page, { account: megan, consent: 'accept' })
    const requests = sandbox.tokenRequests()
    const flow = underTest.signIn.start(connectRequest)
    expect(await systemBrowser.answered()).toBe('returned-to-app')
    // MSAL answered the altered state with a refusal and waits on; had it taken the code, it would
    // have asked the token endpoint for tokens before the browser even showed its page.
    flow.cancel()
    const outcome = await flow.outcome
    expect(outcome.ok).toBe(false)
    expect(sandbox.tokenRequests()).toBe(requests)
    expect(homeAccountId).toMatch(/^[0-9a-f-]{36}\.[0-9a-f-]{36}$/)
    expect(await underTest.signIn.acquireSilent(homeAccountId, [directoryRead])).toMatchObject({ ok: false, reason: 'noAccount' })
    expect(await page.content()).not.toContain('You are signed in')
  })

  it('forgets one account: its tokens are gone and a silent request finds no account', async () => {
    const { signedIn } = await signedInAsMegan()
    await underTest.signIn.forgetAccount(signedIn.account.homeAccountId)
    expect(await underTest.signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead])).toEqual({ ok: false, reason: 'noAccount', details: null })
  })

  it('says "interactionRequired" when the tenant-wide consent was revoked', async () => {
    const { signedIn } = await signedInAsMegan()
    sandbox.scenario.revokeConsent()
    const silent = await underTest.signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead], { forceRefresh: true })
    expect(silent).toMatchObject({ ok: false, reason: 'interactionRequired', details: { code: 'AADSTS65001' } })
  })

  it('says "network" when Microsoft cannot be reached for a refresh', async () => {
    // A cloud of its own, so that taking it down leaves the other tests' sandbox alone.
    const goingAway = await startSandboxTenant()
    let closed = false
    try {
      const own = await createSignInUnderTest({ sandbox: goingAway, dataDir: dataDir.path, secrets, keychainService, browser: systemBrowser })
      systemBrowser.signIn(page, { account: megan, consent: 'accept' })
      const outcome = await own.signIn.start(connectRequest).outcome
      expect(await systemBrowser.browsing).toBe('returned-to-app')
      if (!outcome.ok) throw new Error(`The sign-in failed: ${outcome.reason}`)
      await goingAway.close()
      closed = true
      const silent = await own.signIn.acquireSilent(outcome.signedIn.account.homeAccountId, [directoryRead], { forceRefresh: true })
      expect(silent).toMatchObject({ ok: false, reason: 'network', details: { code: 'network_error' } })
      // A token still valid in the cache needs no network at all.
      expect(await own.signIn.acquireSilent(outcome.signedIn.account.homeAccountId, [directoryRead])).toMatchObject({ ok: true })
    } finally {
      if (!closed) await goingAway.close()
    }
  })
})

describe('how an MSAL error becomes a sign-in failure', () => {
  it('reads the error code and sub-error, never the message', () => {
    expect(signInFailureOf(new ServerError('access_denied', 'c0ffee00-0000-0000-0000-000000000000', 'AADSTS65004: User declined to consent.'))).toEqual({
      ok: false,
      reason: 'declined',
      details: { code: 'AADSTS65004', requestId: 'c0ffee00-0000-0000-0000-000000000000' }
    })
    expect(signInFailureOf(new ServerError('invalid_grant', 'corr', 'AADSTS50126 access_denied network_error', 'consent_required'))).toMatchObject({ reason: 'declined' })
    expect(signInFailureOf(new ClientAuthError('state_mismatch', ''))).toEqual({ ok: false, reason: 'rejected', details: { code: 'state_mismatch' } })
    expect(signInFailureOf(new ClientAuthError('network_error', ''))).toMatchObject({ reason: 'network' })
    expect(signInFailureOf(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }))).toEqual({
      ok: false,
      reason: 'network',
      details: { code: 'ECONNREFUSED' }
    })
    const throttled = new ServerError(
      'temporarily_unavailable',
      '',
      'Error(s): 90033 - Timestamp: 2026-01-01 - Description: AADSTS90033: A transient error has occurred. access_denied - Correlation ID: x - Trace ID: 0d1e2f30-4a5b-6c7d-8e9f-a0b1c2d3e4f5'
    )
    expect(signInFailureOf(throttled)).toEqual({
      ok: false,
      reason: 'microsoft',
      details: { code: 'AADSTS90033', requestId: '0d1e2f30-4a5b-6c7d-8e9f-a0b1c2d3e4f5' }
    })
  })

  it('tells a refresh that needs the admin back from one that failed otherwise', () => {
    const revoked = new InteractionRequiredAuthError('invalid_grant', 'corr', 'AADSTS65001: consent', 'consent_required', '', 'trace-1')
    expect(silentFailureOf(revoked)).toEqual({ ok: false, reason: 'interactionRequired', details: { code: 'AADSTS65001', requestId: 'trace-1' } })
    expect(silentFailureOf(new ClientAuthError('network_error', ''))).toMatchObject({ reason: 'network' })
    expect(silentFailureOf(new ClientAuthError('no_account_found', ''))).toMatchObject({ reason: 'noAccount' })
    expect(silentFailureOf(new ServerError('server_error', '', 'AADSTS500011'))).toMatchObject({ reason: 'microsoft', details: { code: 'AADSTS500011' } })
  })
})
