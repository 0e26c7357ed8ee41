import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DesktopNotification } from '../../src/main/composition.ts'
import type { EventName } from '../../src/shared/contract.ts'
import type { Notice } from '../../src/shared/notices.ts'
import { memorySecretStore } from '../support/console-host.ts'
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.ts'
import { heartbeatConsole, type HeartbeatConsole } from '../support/heartbeat-harness.ts'
import { grantOverHttp } from '../support/http-system-browser.ts'
import { sandboxOnAClock } from '../support/sandbox-on-a-clock.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const activityFeed = 'https://manage.office.com/ActivityFeed.Read'

/**
 * What the composition root does around each heartbeat: the OS notification, the offline notice,
 * Check now after a grant, a reconnect. Every piece below it is real (msal-node, the Graph client,
 * the sandbox on loopback); only the keychain is kept in memory. A proxy in front of the sandbox
 * plays the network: closed, it refuses as a computer offline does, and it comes back on its port.
 */
describe('the console around its heartbeats', () => {
  const tenant = sandboxOnAClock()
  let proxy: CountingProxy
  let dir: ReturnType<typeof makeTempDir>
  let console_: HeartbeatConsole
  let notified: Array<{ notification: DesktopNotification; click: () => void }>
  let heard: Array<[EventName, unknown]>

  beforeEach(async () => {
    dir = makeTempDir('composition-heartbeat')
    proxy = await startCountingProxy(tenant.sandbox.baseUrl)
    notified = []
    heard = []
    console_ = heartbeatConsole({
      sandbox: tenant.sandbox,
      dataDir: dir.path,
      secrets: memorySecretStore(),
      baseUrl: proxy.baseUrl,
      environment: { notify: (notification, click) => notified.push({ notification, click }) }
    })
    console_.services.events.subscribe((event, payload) => heard.push([event, payload]))
  })
  afterEach(async () => {
    await console_.services.close()
    await proxy.close()
    dir.remove()
  })

  const notices = async (): Promise<Notice[]> => (await console_.services.handlers.listNotices()).value
  const offline = async () => (await notices()).find((notice) => notice.kind === 'offline')
  const networkDown = () => proxy.close()
  const networkBack = async () => {
    proxy = await startCountingProxy(tenant.sandbox.baseUrl, Number(new URL(proxy.baseUrl).port))
  }

  it('notifies once when a heartbeat takes Connected to Additional setup required, and the click asks for the status dialog', async () => {
    await console_.connect(megan)
    expect(notified).toEqual([])
    tenant.sandbox.scenario.removeGrantedPermission(activityFeed)

    expect(await console_.checkNow()).toMatchObject({ outcome: 'additionalSetupRequired' })
    expect(notified.map(({ notification }) => notification.title)).toEqual(['Microsoft 365: additional setup required'])
    expect(heard.filter(([event]) => event === 'microsoft365StatusRequested')).toEqual([])
    notified[0]?.click()
    expect(heard.filter(([event]) => event === 'microsoft365StatusRequested')).toHaveLength(1)

    // Still lacking it: no news, so no second notification.
    await console_.checkNow()
    expect(notified).toHaveLength(1)
  })

  it('does not notify when the network goes, and notifies Reconnect required from an Unreachable that last knew Connected', async () => {
    await console_.connect(megan)
    await networkDown()
    expect(await console_.checkNow()).toMatchObject({ outcome: 'unreachable', cause: 'network' })
    expect(await console_.connection()).toMatchObject({ status: 'unreachable', lastKnownStatus: 'connected' })
    expect(notified).toEqual([])

    await networkBack()
    tenant.sandbox.scenario.revokeConsent()
    expect(await console_.checkNow()).toMatchObject({ outcome: 'reconnectRequired' })
    expect(notified.map(({ notification }) => notification.title)).toEqual(['Microsoft 365: reconnect required'])
  })

  it('raises the offline notice from the first failing heartbeat, keeps its start, and ends it when a heartbeat reaches Microsoft', async () => {
    await console_.connect(megan)
    const stored = await console_.connection()
    if (stored.status === 'notConnected') throw new Error('expected a connection')
    await networkDown()
    const first = await console_.checkNow()
    await vi.waitFor(async () => expect(await offline()).toEqual({ kind: 'offline', id: 'offline', since: first.at, lastHeartbeatAt: stored.lastHeartbeatAt }))
    await console_.checkNow()
    expect(await offline()).toMatchObject({ since: first.at })

    await networkBack()
    expect(await console_.checkNow()).toMatchObject({ outcome: 'connected' })
    await vi.waitFor(async () => expect(await offline()).toBeUndefined())

    // A new spell starts from its own first failure.
    await networkDown()
    const again = await console_.checkNow()
    await vi.waitFor(async () => expect(await offline()).toMatchObject({ since: again.at }))
  })

  it('keeps the offline notice dismissed for the rest of the spell, and raises it again in the next one', async () => {
    await console_.connect(megan)
    await networkDown()
    await console_.checkNow()
    await vi.waitFor(async () => expect(await offline()).toBeDefined())
    await console_.services.handlers.dismissNotice('offline')
    await console_.checkNow()
    // The shell says the network is back, but Microsoft is still out of reach.
    console_.services.networkReturned()
    await vi.waitFor(async () => {
      const { recentHeartbeats, checking } = (await console_.services.handlers.getMicrosoft365Status()).value
      expect([recentHeartbeats[0]?.trigger, checking]).toEqual(['online', false])
    })
    expect(await offline()).toBeUndefined()

    await networkBack()
    await console_.checkNow()
    await networkDown()
    const next = await console_.checkNow()
    await vi.waitFor(async () => expect(await offline()).toMatchObject({ since: next.at }))
  })

  it('dismisses the offline notice when Microsoft 365 is disconnected', async () => {
    await console_.connect(megan)
    await networkDown()
    await console_.checkNow()
    await vi.waitFor(async () => expect(await offline()).toBeDefined())
    expect(await console_.services.handlers.disconnectMicrosoft365({ removePermissions: false })).toEqual({ permissions: 'kept' })
    await vi.waitFor(async () => expect(await offline()).toBeUndefined())
  })

  it('runs a heartbeat by itself after a reconnect is confirmed', async () => {
    await console_.connect(megan)
    tenant.sandbox.scenario.revokeConsent()
    expect(await console_.checkNow()).toMatchObject({ outcome: 'reconnectRequired' })

    const renewed = await console_.connect(megan)
    expect(renewed).toMatchObject({ trigger: 'connect', outcome: 'connected' })
    expect(await console_.connection()).toMatchObject({ status: 'connected', lastHeartbeatAt: renewed.at })
  })

  it('Check now after a grant runs one more heartbeat when the one it joined started before the grant', async () => {
    await console_.connect(megan)
    tenant.sandbox.scenario.removeGrantedPermission(activityFeed)
    await console_.checkNow()
    const { handlers } = console_.services
    const heartbeatsBefore = (await handlers.getMicrosoft365Status()).value.recentHeartbeats.length

    // A heartbeat that Microsoft holds up: it started before the grant, so the grant cannot count it.
    const release = proxy.hold()
    const graphBefore = proxy.graphRequests()
    const early = handlers.checkMicrosoft365Now()
    await vi.waitFor(() => expect(proxy.graphRequests()).toBeGreaterThan(graphBefore))
    const opened = console_.opened.length
    expect((await handlers.grantMicrosoft365Permissions()).value.grant).toMatchObject({ step: 'waitingForBrowser' })
    await vi.waitFor(() => expect(console_.opened.length).toBeGreaterThan(opened))
    // The browser reaches Microsoft's sign-in directly; only the console's own requests are held up.
    const consent = new URL(console_.opened.at(-1) ?? '')
    await grantOverHttp(new URL(`${consent.pathname}${consent.search}`, tenant.sandbox.baseUrl).href, megan)
    await vi.waitFor(async () => expect((await handlers.getMicrosoft365Status()).value.grant).toMatchObject({ step: 'granted' }))

    const joined = handlers.checkMicrosoft365Now()
    release()
    await early
    const after = (await joined).value
    // The joined heartbeat, then one that started after the grant, which the grant's note gives way to.
    expect(after.grant).toEqual({ step: 'idle' })
    expect(after.recentHeartbeats).toHaveLength(heartbeatsBefore + 2)
    expect(after.recentHeartbeats[0]).toMatchObject({ trigger: 'checkNow', outcome: 'connected' })
  })
})
