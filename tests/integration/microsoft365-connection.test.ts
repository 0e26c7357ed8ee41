import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { KEYCHAIN_SERVICE, keychainAccountFor, TOKEN_CACHE_FILE } from '../../src/main/microsoft-365/microsoft-cloud-session.ts'
import type { SecretStore } from '../../src/main/microsoft-365/token-cache/secret-store.ts'
import { useConnectFixture } from '../support/connect-fixture.ts'
import { connectHarness, filesWithTokenMaterial, type ConnectHarness } from '../support/connect-harness.ts'
import { testConsoleEnvironment } from '../support/console-host.ts'
import { createConsoleServices } from '../../src/main/composition.ts'
import { expectPortClosed } from '../support/expect-port-closed.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'
const alex = 'AlexW@fabrikam.onmicrosoft.com'

/**
 * "Connecting to Coro" and "Disconnecting your Microsoft 365 account", through the composition root
 * with every piece real: msal-node's loopback sign-in (Chromium plays the system browser), the Graph
 * client, the Management Activity API and keytar, against the sandbox tenant.
 */
describe('connecting and disconnecting Microsoft 365', () => {
  const fixture = useConnectFixture('m365-connection')
  const { keychain, open } = fixture
  const storedKey = () => keychain.getPassword(KEYCHAIN_SERVICE, keychainAccountFor(fixture.dir.path))
  const tokenCacheFile = () => join(fixture.dir.path, TOKEN_CACHE_FILE)

  async function connectThroughStep1(harness: ConnectHarness, signIn: Parameters<ConnectHarness['browse']>[0]) {
    const started = await harness.services.handlers.startMicrosoft365Connect()
    expect(started.value.step).toBe('waitingForBrowser')
    expect(await harness.browse(signIn)).not.toBe('error-page')
    return harness.flowWhere((flow) => flow.step === 'auditLog' || flow.step === 'failed')
  }

  async function expectNothingStored(harness: ConnectHarness) {
    const [application] = (await harness.services.handlers.listCloudApplications()).value
    expect(application?.connection).toEqual({ status: 'notConnected' })
    expect((await harness.services.handlers.listActivity()).value).toEqual([])
    expect(existsSync(tokenCacheFile())).toBe(false)
    expect(await storedKey()).toBeNull()
    expect(filesWithTokenMaterial(fixture.dir.path)).toEqual([])
  }

  it('connects: sign-in with the account picker, the prerequisite checks, Step 2 with the audit log on, and CONFIRM', async () => {
    const harness = open()
    const step2 = await connectThroughStep1(harness, { account: megan })
    expect(new URL(harness.opened[0] ?? '').searchParams.get('prompt')).toBe('select_account')
    expect(step2).toMatchObject({
      step: 'auditLog',
      tenant: { id: fixture.sandbox.tenantId, name: 'Contoso', domain: 'contoso.onmicrosoft.com' },
      account: megan,
      auditLog: { state: 'on' }
    })
    // Nothing is stored before CONFIRM.
    expect((await harness.services.handlers.listCloudApplications()).value[0]?.connection.status).toBe('notConnected')

    expect((await harness.services.handlers.confirmMicrosoft365Connect()).value).toEqual({ step: 'idle' })
    const [application] = (await harness.services.handlers.listCloudApplications()).value
    expect(application?.connection).toMatchObject({
      status: 'connected',
      tenant: { name: 'Contoso' },
      account: megan,
      manifestVersion: '1',
      grantedPermissions: expect.arrayContaining(['Directory.Read.All', 'ActivityFeed.Read']) as unknown
    })
    expect((await harness.services.handlers.listActivity()).value).toEqual([
      expect.objectContaining({ kind: 'connected', account: megan, tenant: expect.objectContaining({ name: 'Contoso' }) as unknown })
    ])
    // The token cache is on disk, encrypted, under a key that only the keychain holds.
    expect(existsSync(tokenCacheFile())).toBe(true)
    expect(await storedKey()).toMatch(/^[A-Za-z0-9+/=]{40,}$/)
    expect(filesWithTokenMaterial(fixture.dir.path)).toEqual([])
    expect(JSON.stringify(await harness.services.handlers.listCloudApplications())).not.toMatch(/eyJ/)
    // The log says what happened, and never carries a token.
    expect(harness.logs.length).toBeGreaterThan(0)
    expect(harness.logs.join('\n')).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.|refresh_token"?\s*[:=]\s*"?[A-Za-z0-9]/)
  })

  it('reports the audit log as appearing off in a tenant where it is off, and still lets CONFIRM finish', async () => {
    fixture.sandbox.scenario.setAuditLog(false)
    const harness = open()
    const step2 = await connectThroughStep1(harness, { account: megan })
    expect(step2).toMatchObject({ step: 'auditLog', auditLog: { state: 'appearsOff' } })
    fixture.sandbox.scenario.setAuditLog(true)
    expect((await harness.services.handlers.recheckMicrosoft365AuditLog()).value).toMatchObject({ auditLog: { state: 'on' }, checking: false })
    await harness.services.handlers.confirmMicrosoft365Connect()
    expect((await harness.services.handlers.listCloudApplications()).value[0]?.connection.status).toBe('connected')
  })

  it('refuses an account that is not a Global Administrator, says how to fix it, and stores nothing', async () => {
    fixture.sandbox.scenario.setGrantedPermissions({ graph: ['Directory.Read.All'], management: ['ActivityFeed.Read'] })
    fixture.sandbox.scenario.setGlobalAdministrator(null)
    const harness = open()
    const failed = await connectThroughStep1(harness, { account: megan })
    expect(failed).toMatchObject({ step: 'failed', failure: { kind: 'globalAdministrator' } })
    await expectNothingStored(harness)
  })

  it('sends an account without an admin role to "Need admin approval", and says the request was not accepted', async () => {
    const harness = open()
    await harness.services.handlers.startMicrosoft365Connect()
    expect(await harness.browse({ account: adele, needAdminApproval: 'return' })).toBe('need-admin-approval')
    const failed = await harness.flowWhere((flow) => flow.step === 'failed')
    expect(failed).toMatchObject({ failure: { kind: 'consentDeclined', details: { code: expect.stringMatching(/^AADSTS\d+$/) as unknown } } })
    await expectNothingStored(harness)
  })

  it.each([
    ['no subscription at all', 'none'],
    ['an F1-only subscription', 'f1Only']
  ] as const)('refuses a tenant with %s and stores nothing', async (_case, plan) => {
    fixture.sandbox.scenario.setSubscription(plan)
    const harness = open()
    const failed = await connectThroughStep1(harness, { account: megan })
    expect(failed).toMatchObject({ step: 'failed', failure: { kind: 'subscription' } })
    await expectNothingStored(harness)
  })

  it('refuses Fabrikam, whose only subscription is F1', async () => {
    const harness = open()
    const failed = await connectThroughStep1(harness, { account: alex })
    expect(failed).toMatchObject({ step: 'failed', failure: { kind: 'subscription' } })
  })

  it('says the request for permissions was declined when the admin selects Cancel at Microsoft', async () => {
    const harness = open()
    const failed = await connectThroughStep1(harness, { account: megan, consent: 'cancel' })
    expect(failed).toMatchObject({ step: 'failed', failure: { kind: 'consentDeclined' } })
    await expectNothingStored(harness)
  })

  it('says the consent covered only the admin when "Consent on behalf of your organisation" was left unticked', async () => {
    const harness = open()
    const failed = await connectThroughStep1(harness, { account: megan, onBehalfOfOrganisation: false })
    expect(failed).toMatchObject({ step: 'failed', failure: { kind: 'tenantWideConsent' } })
    if (failed.step === 'failed') expect(failed.failure.fix).toMatch(/behalf of your organi[sz]ation/i)
    await expectNothingStored(harness)
  })

  it('cancels while the browser is open: back to Step 1, the loopback port freed, nothing stored', async () => {
    const harness = open()
    await harness.services.handlers.startMicrosoft365Connect()
    const redirect = new URL(new URL(await harness.nextBrowserUrl()).searchParams.get('redirect_uri') ?? '')
    expect((await harness.services.handlers.cancelMicrosoft365Connect()).value).toEqual({ step: 'idle' })
    await expectPortClosed(Number(redirect.port))
    await expectNothingStored(harness)
  })

  it('gives up after its own time limit, says so, and frees the loopback port', async () => {
    const harness = open({ signInTimeLimitMs: 500 })
    const started = await harness.services.handlers.startMicrosoft365Connect()
    if (started.value.step !== 'waitingForBrowser') throw new Error('expected to wait for the browser')
    expect(Date.parse(started.value.deadline) - Date.parse(started.value.startedAt)).toBe(500)
    const redirect = new URL(new URL(await harness.nextBrowserUrl()).searchParams.get('redirect_uri') ?? '')
    const failed = await harness.flowWhere((flow) => flow.step === 'failed')
    expect(failed).toMatchObject({ failure: { kind: 'timedOut' } })
    await expectPortClosed(Number(redirect.port))
    await expectNothingStored(harness)
  })

  it('ignores an answer on the loopback whose state was tampered with', async () => {
    const harness = open()
    const tokenRequests = fixture.sandbox.tokenRequests()
    await harness.services.handlers.startMicrosoft365Connect()
    const authorize = new URL(await harness.nextBrowserUrl())
    const redirect = authorize.searchParams.get('redirect_uri') ?? ''
    await fetch(redirect, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: 'a-code-from-somewhere-else', state: `${authorize.searchParams.get('state') ?? ''}tampered` })
    }).catch(() => undefined)
    const settled = await Promise.race([
      harness.flowWhere((flow) => flow.step !== 'waitingForBrowser'),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 1500))
    ])
    // Either MSAL drops the answer and keeps waiting for the real one, or the attempt fails: never Step 2.
    expect(settled === null || settled.step === 'failed').toBe(true)
    // The forged code never reached the token endpoint.
    expect(fixture.sandbox.tokenRequests()).toBe(tokenRequests)
    await harness.services.handlers.cancelMicrosoft365Connect()
    await expectNothingStored(harness)
  })

  it('after consent for the admin only, the next CONNECT shows the permissions page again, and ticking the box connects', async () => {
    const harness = open()
    expect(await connectThroughStep1(harness, { account: megan, onBehalfOfOrganisation: false })).toMatchObject({ failure: { kind: 'tenantWideConsent' } })
    const step2 = await connectThroughStep1(harness, { account: megan, onBehalfOfOrganisation: true })
    expect(new URL(harness.opened[1] ?? '').searchParams.get('prompt')).toBe('consent')
    expect(step2).toMatchObject({ step: 'auditLog', tenant: { name: 'Contoso' } })
    expect(fixture.sandbox.scenario.grantedPermissions().graph).toContain('Directory.Read.All')
  })

  it('cancels while the prerequisites are being checked: nothing is stored once the checks stop', async () => {
    const harness = open()
    await harness.services.handlers.startMicrosoft365Connect()
    fixture.sandbox.scenario.setLatency(400)
    const browsing = harness.browse({ account: megan })
    await harness.flowWhere((flow) => flow.step === 'checkingPrerequisites')
    expect((await harness.services.handlers.cancelMicrosoft365Connect()).value).toEqual({ step: 'idle' })
    await browsing
    fixture.sandbox.scenario.setLatency(0)
    // Settings stay locked until the cancelled checks have stopped and emptied the cache.
    await vi.waitFor(async () => expect((await harness.services.handlers.getSettings()).value.editable).toBe(true), { timeout: 10_000 })
    await expectNothingStored(harness)
    expect((await harness.services.handlers.getMicrosoft365ConnectFlow()).value).toEqual({ step: 'idle' })
  })

  it('keeps the connection and its tokens when a cancel arrives while CONFIRM is saving', async () => {
    const harness = open()
    await connectThroughStep1(harness, { account: megan })
    const confirming = harness.services.handlers.confirmMicrosoft365Connect()
    void harness.services.handlers.cancelMicrosoft365Connect()
    await confirming
    expect((await harness.services.handlers.listCloudApplications()).value[0]?.connection.status).toBe('connected')
    await harness.services.close()
    expect(existsSync(tokenCacheFile())).toBe(true)
    expect(await storedKey()).not.toBeNull()
  })

  it('refuses a second CONNECT while the first is starting, so no sign-in is left running unseen', async () => {
    const harness = open()
    const [first, second] = await Promise.allSettled([
      harness.services.handlers.startMicrosoft365Connect(),
      harness.services.handlers.startMicrosoft365Connect()
    ])
    expect(first.status).toBe('fulfilled')
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'connectInProgress' } })
    await harness.nextBrowserUrl()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(harness.opened).toHaveLength(1)
  })

  it('removes tokens left behind by a console that stopped in the middle of a connect, at its next start', async () => {
    const crashed = open()
    await connectThroughStep1(crashed, { account: megan })
    expect(existsSync(tokenCacheFile())).toBe(true)
    // A second console on the same folder, as after a crash: the first one never cancelled.
    const next = connectHarness({ sandbox: fixture.sandbox, browser: fixture.browser, dataDir: fixture.dir.path, secrets: keychain })
    try {
      await vi.waitFor(() => expect(existsSync(tokenCacheFile())).toBe(false), { timeout: 10_000 })
      expect(await storedKey()).toBeNull()
    } finally {
      await next.services.close()
    }
  })

  it('disconnects even when no cloud is configured any more, and still deletes the token cache and its key', async () => {
    const harness = open()
    await connectThroughStep1(harness, { account: megan })
    await harness.services.handlers.confirmMicrosoft365Connect()
    await harness.services.close()
    const unconfigured = createConsoleServices(
      testConsoleEnvironment(fixture.dir.path, {
        secrets: keychain,
        openCloud: () => Promise.resolve({ kind: 'unconfigured', sandbox: undefined, close: () => Promise.resolve() })
      })
    )
    try {
      expect(await unconfigured.handlers.disconnectMicrosoft365({ removePermissions: false })).toEqual({ permissions: 'kept' })
      expect((await unconfigured.handlers.listCloudApplications()).value[0]?.connection).toEqual({ status: 'notConnected' })
      expect(existsSync(tokenCacheFile())).toBe(false)
      expect(await storedKey()).toBeNull()
    } finally {
      await unconfigured.close()
    }
  })

  it('connects for this session only when the keychain is unavailable, says so, and writes no token cache', async () => {
    const unavailable: SecretStore = {
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))
    }
    const harness = open({ secrets: unavailable })
    expect(await connectThroughStep1(harness, { account: megan })).toMatchObject({ step: 'auditLog' })
    await harness.services.handlers.confirmMicrosoft365Connect()
    expect((await harness.services.handlers.listCloudApplications()).value[0]?.connection.status).toBe('connected')
    expect((await harness.services.handlers.listNotices()).value).toEqual([expect.objectContaining({ kind: 'keychainUnavailable' })])
    expect(existsSync(tokenCacheFile())).toBe(false)
    expect(filesWithTokenMaterial(fixture.dir.path)).toEqual([])
  })

  it('refuses a second connect while one is connected, naming the tenant', async () => {
    const harness = open()
    await connectThroughStep1(harness, { account: megan })
    await harness.services.handlers.confirmMicrosoft365Connect()
    await expect(harness.services.handlers.startMicrosoft365Connect()).rejects.toMatchObject({
      code: 'alreadyConnected',
      message: expect.stringContaining('Contoso') as unknown
    })
  })

  it('disconnects: the record, the token cache and its key are gone, and the activity history keeps both entries', async () => {
    const harness = open()
    await connectThroughStep1(harness, { account: megan })
    await harness.services.handlers.confirmMicrosoft365Connect()
    expect(await harness.services.handlers.disconnectMicrosoft365({ removePermissions: false })).toEqual({ permissions: 'kept' })

    expect((await harness.services.handlers.listCloudApplications()).value[0]?.connection).toEqual({ status: 'notConnected' })
    expect((await harness.services.handlers.listActivity()).value.map((entry) => entry.kind)).toEqual(['disconnected', 'connected'])
    expect(existsSync(tokenCacheFile())).toBe(false)
    expect(await storedKey()).toBeNull()
    expect(filesWithTokenMaterial(fixture.dir.path)).toEqual([])
    // The tenant keeps its grant: only the admin can ask for it to go.
    expect(fixture.sandbox.scenario.grantedPermissions().graph).toContain('Directory.Read.All')
  })

  it('disconnects and removes the tenant-wide grant, asking for the write permission only then', async () => {
    const harness = open()
    await connectThroughStep1(harness, { account: megan })
    expect(harness.opened[0]).not.toMatch(/DelegatedPermissionGrant/)
    await harness.services.handlers.confirmMicrosoft365Connect()

    const disconnecting = harness.services.handlers.disconnectMicrosoft365({ removePermissions: true })
    expect(await harness.browse({ account: megan })).toBe('returned-to-app')
    expect(harness.opened[1]).toMatch(/DelegatedPermissionGrant\.ReadWrite\.All/)
    expect(new URL(harness.opened[1] ?? '').searchParams.get('login_hint')).toBe(megan)
    expect(await disconnecting).toEqual({ permissions: 'removed' })
    expect(fixture.sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
    expect((await harness.services.handlers.listActivity()).value.map((entry) => entry.kind)).toEqual(['disconnected', 'permissionsRemoved', 'connected'])
    expect(filesWithTokenMaterial(fixture.dir.path)).toEqual([])
  })

  it('still disconnects when the admin cancels the sign-in that would remove the grant, and says how to remove it by hand', async () => {
    const harness = open()
    await connectThroughStep1(harness, { account: megan })
    await harness.services.handlers.confirmMicrosoft365Connect()
    const disconnecting = harness.services.handlers.disconnectMicrosoft365({ removePermissions: true })
    await harness.nextBrowserUrl()
    await harness.services.handlers.cancelMicrosoft365SignIn()
    expect(await disconnecting).toMatchObject({ permissions: 'notRemoved', fix: expect.stringContaining('Enterprise applications') as unknown })
    expect((await harness.services.handlers.listCloudApplications()).value[0]?.connection).toEqual({ status: 'notConnected' })
    expect(existsSync(tokenCacheFile())).toBe(false)
    expect(await storedKey()).toBeNull()
  })
})
