import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConsoleEnvironment } from '../../src/main/composition.ts'
import { KEYCHAIN_SERVICE, keychainAccountFor, TOKEN_CACHE_FILE } from '../../src/main/microsoft-365/microsoft-cloud-session.ts'
import { loadKeytarSecretStore } from '../../src/main/microsoft-365/token-cache/keytar-secret-store.ts'
import { filesWithTokenMaterial } from '../support/connect-harness.ts'
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.ts'
import { heartbeatConsole, type HeartbeatConsole } from '../support/heartbeat-harness.ts'
import { sandboxOnAClock } from '../support/sandbox-on-a-clock.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'

/**
 * The heartbeat, through the composition root with every piece real: msal-node (its loopback
 * sign-in, its cache, its silent refresh), the Graph client's $batch and RetryHandler, the
 * Management Activity API and keytar, against the sandbox tenant. The sign-in pages are answered
 * over HTTP rather than in Chromium, since the connect is only the starting point here. A proxy in
 * front of the sandbox counts Graph round trips, and the sandbox counts token requests.
 */
describe('the Microsoft 365 heartbeat', () => {
  const tenant = sandboxOnAClock()
  const keychain = loadKeytarSecretStore()
  let proxy: CountingProxy
  let dir: ReturnType<typeof makeTempDir>
  const consoles: HeartbeatConsole[] = []

  beforeEach(async () => {
    dir = makeTempDir('m365-heartbeat')
    proxy = await startCountingProxy(tenant.sandbox.baseUrl)
  })
  afterEach(async () => {
    for (const opened of consoles.splice(0)) await opened.services.close()
    await proxy.close()
    await keychain.deletePassword(KEYCHAIN_SERVICE, keychainAccountFor(dir.path)).catch(() => false)
    dir.remove()
  })

  const open = (baseUrl = proxy.baseUrl, environment: Partial<ConsoleEnvironment> = {}) => {
    const opened = heartbeatConsole({ sandbox: tenant.sandbox, dataDir: dir.path, secrets: keychain, baseUrl, environment })
    consoles.push(opened)
    return opened
  }

  it.each([
    ['echoes', true],
    ['does not echo', false]
  ])('in a steady state, when Entra %s .default: one Graph round trip and no token request while the token is fresh', async (_echo, echo) => {
    tenant.sandbox.scenario.echoDefaultScope(echo)
    const console_ = open()
    const first = await console_.connect(megan)
    expect(first).toMatchObject({ trigger: 'connect', outcome: 'connected', missingPermissions: [], auditLog: 'on', cause: null, reason: null })

    const graphBefore = proxy.graphRequests()
    const tokensBefore = tenant.sandbox.tokenRequests()
    const steady = await console_.checkNow()
    expect(proxy.graphRequests() - graphBefore).toBe(1)
    expect(proxy.seen.filter(({ path }) => path.startsWith('/v1.0/')).at(-1)).toEqual({ method: 'POST', path: '/v1.0/$batch' })
    expect(tenant.sandbox.tokenRequests()).toBe(tokensBefore)
    expect(steady).toMatchObject({ trigger: 'checkNow', outcome: 'connected', auditLog: 'on', missingPermissions: [] })
    expect(steady.grantedPermissions).toEqual(expect.arrayContaining(['Directory.Read.All', 'ActivityFeed.Read']))
    expect(await console_.connection()).toMatchObject({ status: 'connected', lastHeartbeatAt: steady.at })
    const { recentHeartbeats, permissions } = await console_.status()
    expect(recentHeartbeats.map(({ trigger }) => trigger)).toEqual(['checkNow', 'connect'])
    expect(permissions.every(({ state }) => state === 'granted')).toBe(true)
    // The log says what each heartbeat found, and never carries a token.
    expect(console_.logs.some((line) => line.includes('"message":"heartbeat"'))).toBe(true)
    expect(console_.logs.join('\n')).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.|refresh_token"?\s*[:=]\s*"?[A-Za-z0-9]/)
    expect(filesWithTokenMaterial(dir.path)).toEqual([])
  })

  it('loses to a disconnect that lands while it runs: no record comes back, and the heartbeats are gone', async () => {
    const console_ = open()
    await console_.connect(megan)
    tenant.sandbox.scenario.setLatency(400)
    const graphBefore = proxy.graphRequests()
    const checking = console_.services.handlers.checkMicrosoft365Now()
    // The heartbeat's batch is on its way to Graph.
    await vi.waitFor(() => expect(proxy.graphRequests()).toBeGreaterThan(graphBefore))
    expect(await console_.services.handlers.disconnectMicrosoft365({ removePermissions: false })).toEqual({ permissions: 'kept' })
    await checking
    tenant.sandbox.scenario.setLatency(0)

    expect(await console_.connection()).toEqual({ status: 'notConnected' })
    expect((await console_.status()).recentHeartbeats).toEqual([])
    expect((await console_.services.handlers.listActivity()).value.map(({ kind }) => kind)).toEqual(['disconnected', 'connected'])
    expect(console_.logs.some((line) => line.includes('its result was dropped'))).toBe(true)
    await vi.waitFor(() => expect(existsSync(join(dir.path, TOKEN_CACHE_FILE))).toBe(false))
    expect(filesWithTokenMaterial(dir.path)).toEqual([])
  })

  it('says Connected (Additional setup required) when an admin removes a permission, and Connected once it is granted again', async () => {
    const console_ = open()
    await console_.connect(megan)
    tenant.sandbox.scenario.removeGrantedPermission('https://manage.office.com/ActivityFeed.Read')

    const lacking = await console_.checkNow()
    expect(lacking).toMatchObject({ outcome: 'additionalSetupRequired', missingPermissions: ['ActivityFeed.Read'], cause: null })
    expect(lacking.reason).toMatch(/missing ActivityFeed\.Read.*GRANT PERMISSIONS/)
    expect(lacking.grantedPermissions).not.toContain('ActivityFeed.Read')
    const connection = await console_.connection()
    expect(connection).toMatchObject({ status: 'additionalSetupRequired', lastHeartbeatAt: lacking.at })
    expect((await console_.status()).permissions.find(({ name }) => name === 'ActivityFeed.Read')?.state).toBe('missing')

    // Without the permission the audit-log probe has no token to ask for, so it is skipped, and nothing refreshes.
    const tokensBefore = tenant.sandbox.tokenRequests()
    expect(await console_.checkNow()).toMatchObject({ outcome: 'additionalSetupRequired', auditLog: null })
    expect(tenant.sandbox.tokenRequests()).toBe(tokensBefore)

    tenant.sandbox.scenario.addGrantedPermission('https://manage.office.com/ActivityFeed.Read')
    expect(await console_.checkNow()).toMatchObject({ outcome: 'connected', missingPermissions: [] })
    expect(await console_.connection()).toMatchObject({ status: 'connected' })
  })

  it('keeps Connected (Additional setup required) when Directory.Read.All is removed, after the access token expires too, until the consent goes', async () => {
    const console_ = open()
    const connected = await console_.connect(megan)
    tenant.sandbox.scenario.removeGrantedPermission('https://graph.microsoft.com/Directory.Read.All')

    // The cached token still names it, so Graph answers, and the grant read says what is missing.
    const lacking = await console_.checkNow()
    expect(lacking).toMatchObject({ outcome: 'additionalSetupRequired', missingPermissions: ['Directory.Read.All'] })
    expect(lacking.grantedPermissions).toContain('ActivityFeed.Read')
    expect(lacking.grantedPermissions).not.toContain('Directory.Read.All')
    const stored = await console_.connection()
    expect(stored).toMatchObject({ status: 'additionalSetupRequired', grantedPermissions: lacking.grantedPermissions })

    // Past the access token's life, Entra refuses a token naming Directory.Read.All (consent_required),
    // while the grant's other permission still gets one: the grant is there, one permission is not.
    tenant.clock += 2 * 60 * 60 * 1000
    const expired = await console_.checkNow()
    expect(expired).toMatchObject({ outcome: 'additionalSetupRequired', missingPermissions: ['Directory.Read.All'], grantedPermissions: lacking.grantedPermissions, auditLog: 'on' })
    expect(expired.reason).toMatch(/missing Directory\.Read\.All.*GRANT PERMISSIONS/)
    expect(await console_.connection()).toEqual({ ...stored, lastHeartbeatAt: expired.at })
    expect((await console_.status()).recentHeartbeats.map(({ id }) => id)).toEqual([expired.id, lacking.id, connected.id])

    // Consent removed altogether: the other permission is refused too, and only a reconnect mends that.
    tenant.sandbox.scenario.revokeConsent()
    tenant.clock += 2 * 60 * 60 * 1000
    const revoked = await console_.checkNow()
    expect(revoked).toMatchObject({ outcome: 'reconnectRequired', details: { code: 'AADSTS65001' } })
    expect(await console_.connection()).toMatchObject({ status: 'reconnectRequired', grantedPermissions: lacking.grantedPermissions })
  })

  it('says Reconnect required when the consent was revoked in the tenant', async () => {
    const console_ = open()
    await console_.connect(megan)
    tenant.sandbox.scenario.revokeConsent()

    const revoked = await console_.checkNow()
    expect(revoked).toMatchObject({ outcome: 'reconnectRequired', grantedPermissions: [], missingPermissions: ['Directory.Read.All', 'ActivityFeed.Read'] })
    expect(revoked.reason).toMatch(/removed.*RECONNECT/)
    expect(await console_.connection()).toMatchObject({ status: 'reconnectRequired', grantedPermissions: [], lastHeartbeatAt: revoked.at })
  })

  it('says Reconnect required when the refresh tokens were revoked, once the access token has expired', async () => {
    const console_ = open()
    await console_.connect(megan)
    tenant.sandbox.scenario.revokeRefreshTokens()
    // The access token is still good, and the heartbeat does not refresh it before it must.
    expect(await console_.checkNow()).toMatchObject({ outcome: 'connected' })

    tenant.clock += 2 * 60 * 60 * 1000
    const tokensBefore = tenant.sandbox.tokenRequests()
    const revoked = await console_.checkNow()
    expect(tenant.sandbox.tokenRequests()).toBeGreaterThan(tokensBefore)
    expect(revoked).toMatchObject({ outcome: 'reconnectRequired', cause: null, details: { code: 'AADSTS50173' } })
    expect(revoked.reason).toMatch(/RECONNECT/)
    expect(await console_.connection()).toMatchObject({ status: 'reconnectRequired' })
  })

  it('says Unreachable during an outage, keeps the last status and what was stored, and recovers', async () => {
    const console_ = open()
    const connected = await console_.connect(megan)
    const before = await console_.connection()
    tenant.sandbox.scenario.setOutage('graph')

    const failed = await console_.checkNow()
    expect(failed).toMatchObject({ outcome: 'unreachable', cause: 'microsoft', details: { code: 'serviceNotAvailable' } })
    expect(failed.details?.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(failed.grantedPermissions).toEqual(connected.grantedPermissions)
    const unreachable = await console_.connection()
    expect(unreachable).toEqual({ ...before, status: 'unreachable', since: failed.at, lastKnownStatus: 'connected' })
    expect((await console_.status()).recentHeartbeats.map(({ outcome }) => outcome)).toEqual(['unreachable', 'connected'])

    // Still down: the connection stays unreachable since the first failure.
    await console_.checkNow()
    expect(await console_.connection()).toMatchObject({ status: 'unreachable', since: failed.at })

    tenant.sandbox.scenario.endOutage()
    const back = await console_.checkNow()
    expect(back.outcome).toBe('connected')
    const recovered = await console_.connection()
    expect(recovered).toMatchObject({ status: 'connected', lastHeartbeatAt: back.at })
    expect(recovered).not.toHaveProperty('since')
    expect((await console_.status()).recentHeartbeats.map(({ outcome }) => outcome)).toEqual(['connected', 'unreachable', 'unreachable', 'connected'])
  })

  it('honours Retry-After on a throttled batch, and on a throttled request inside it, then says Connected', async () => {
    const console_ = open()
    await console_.connect(megan)

    tenant.sandbox.scenario.throttle('graph', 1, 1)
    const afterBatch429 = await console_.checkNow()
    expect(afterBatch429.outcome).toBe('connected')
    expect(afterBatch429.durationMs).toBeGreaterThanOrEqual(950)

    tenant.sandbox.scenario.throttleBatchItems(1, 1)
    const graphBefore = proxy.graphRequests()
    const afterItem429 = await console_.checkNow()
    expect(afterItem429.outcome).toBe('connected')
    expect(afterItem429.durationMs).toBeGreaterThanOrEqual(950)
    // The throttled request went out again on its own, in a second batch.
    expect(proxy.graphRequests() - graphBefore).toBe(2)
  })

  it('does not wait out a Retry-After longer than half a minute: Unreachable at once, with Microsoft’s code', async () => {
    const console_ = open()
    await console_.connect(megan)
    tenant.sandbox.scenario.throttle('graph', 120)
    const throttled = await console_.checkNow()
    expect(throttled).toMatchObject({ outcome: 'unreachable', cause: 'microsoft', details: { code: 'TooManyRequests' } })
    expect(throttled.durationMs).toBeLessThan(30_000)
  })

  it('ends a heartbeat that Microsoft holds up past its time limit as Unreachable, and stores nothing of it later', async () => {
    const console_ = open(proxy.baseUrl, { heartbeatTimeLimitMs: 1_000 })
    const connected = await console_.connect(megan)
    const release = proxy.hold()
    const late = await console_.checkNow()
    expect(late).toMatchObject({ outcome: 'unreachable', cause: 'microsoft', details: null })
    expect(late.reason).toMatch(/did not finish answering within 1 second/)
    expect(await console_.connection()).toMatchObject({ status: 'unreachable', lastKnownStatus: 'connected' })

    release()
    const back = await console_.checkNow()
    expect(back.outcome).toBe('connected')
    expect((await console_.status()).recentHeartbeats.map(({ id }) => id)).toEqual([back.id, late.id, connected.id])
  })

  it('lets quit go while a heartbeat waits for Microsoft, and stores nothing when it comes back', async () => {
    const console_ = open()
    await console_.connect(megan)
    const history = (await console_.status()).recentHeartbeats
    const release = proxy.hold()
    const graphBefore = proxy.graphRequests()
    const checking = console_.services.handlers.checkMicrosoft365Now()
    await vi.waitFor(() => expect(proxy.graphRequests()).toBeGreaterThan(graphBefore))

    await console_.services.close()
    consoles.splice(consoles.indexOf(console_), 1)
    release()
    await checking
    expect(console_.logs.some((line) => line.includes('the console closed while it ran'))).toBe(true)
    expect((await console_.status()).recentHeartbeats).toEqual(history)
  })

  it('says Unreachable when Graph is still throttling after the wait it asked for', async () => {
    const console_ = open()
    await console_.connect(megan)
    tenant.sandbox.scenario.throttle('graph', 1)
    const throttled = await console_.checkNow()
    expect(throttled).toMatchObject({ outcome: 'unreachable', cause: 'microsoft', details: { code: 'TooManyRequests' } })
    expect(await console_.connection()).toMatchObject({ status: 'unreachable', lastKnownStatus: 'connected' })
  })

  it('runs one heartbeat for overlapping triggers', async () => {
    const console_ = open()
    await console_.connect(megan)
    tenant.sandbox.scenario.setLatency(200)
    const graphBefore = proxy.graphRequests()
    const first = console_.services.handlers.checkMicrosoft365Now()
    console_.services.systemResumed()
    console_.services.networkReturned()
    await Promise.all([first, console_.services.handlers.checkMicrosoft365Now()])
    tenant.sandbox.scenario.setLatency(0)
    expect(proxy.graphRequests() - graphBefore).toBe(1)
    expect((await console_.status()).recentHeartbeats.map(({ trigger }) => trigger)).toEqual(['checkNow', 'connect'])
  })

  it('after a restart with no network, shows the stored connection at once, then Unreachable with an offline notice, losing nothing', async () => {
    const first = open()
    await first.connect(megan)
    await first.checkNow()
    const stored = await first.connection()
    const history = (await first.status()).recentHeartbeats
    const activity = (await first.services.handlers.listActivity()).value
    await first.services.close()
    consoles.splice(consoles.indexOf(first), 1)
    // Every Microsoft endpoint now refuses, as on a computer without network.
    await proxy.close()

    const offline = open()
    expect(await offline.connection()).toEqual(stored)
    if (stored.status === 'notConnected') throw new Error('expected a stored connection')
    expect(stored.lastHeartbeatAt).not.toBeNull()

    await vi.waitFor(async () => expect((await offline.connection()).status).toBe('unreachable'), { timeout: 15_000 })
    expect(await offline.connection()).toEqual({ ...stored, status: 'unreachable', since: expect.any(String) as unknown, lastKnownStatus: 'connected' })
    const [launch, ...older] = (await offline.status()).recentHeartbeats
    expect(launch).toMatchObject({ trigger: 'launch', outcome: 'unreachable', cause: 'network', grantedPermissions: stored.grantedPermissions })
    expect(launch?.reason).toMatch(/internet connection/)
    expect(older).toEqual(history)
    await vi.waitFor(async () =>
      expect((await offline.services.handlers.listNotices()).value).toEqual([
        { kind: 'offline', id: 'offline', since: launch?.at, lastHeartbeatAt: stored.lastHeartbeatAt }
      ])
    )
    expect((await offline.services.handlers.listActivity()).value).toEqual(activity)
    // The sign-in is kept for when the network returns.
    expect(existsSync(join(dir.path, TOKEN_CACHE_FILE))).toBe(true)
    expect(await keychain.getPassword(KEYCHAIN_SERVICE, keychainAccountFor(dir.path))).not.toBeNull()
  })

  it('opens the cloud again once the network returns after a start without it, and says Connected', async () => {
    const first = open()
    await first.connect(megan)
    await first.services.close()
    consoles.splice(consoles.indexOf(first), 1)
    const port = Number(new URL(proxy.baseUrl).port)
    await proxy.close()

    // The sign-in's discovery document went unanswered at launch, so the cloud could not open.
    const offline = open()
    await vi.waitFor(async () => expect((await offline.connection()).status).toBe('unreachable'), { timeout: 15_000 })
    expect((await offline.status()).recentHeartbeats[0]).toMatchObject({ trigger: 'launch', outcome: 'unreachable', cause: 'network' })

    proxy = await startCountingProxy(tenant.sandbox.baseUrl, port)
    const back = await offline.checkNow()
    expect(back).toMatchObject({ outcome: 'connected', cause: null })
    expect(await offline.connection()).toMatchObject({ status: 'connected', lastHeartbeatAt: back.at })
  })
})
