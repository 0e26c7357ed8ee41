import { chromium, type Browser, type Page } from '@playwright/test'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleUserError } from '../../src/main/console-user-error.ts'
import { createConsoleLogger } from '../../src/main/logger.ts'
import { MicrosoftCloudSession } from '../../src/main/microsoft-365/microsoft-cloud-session.ts'
import { PermissionGrantFlow } from '../../src/main/microsoft-365/permission-grant/permission-grant-flow.ts'
import { openConfStateFile } from '../../src/main/state/conf-state-file.ts'
import { openStateRepository, type StateRepository } from '../../src/main/state/state-repository.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import type { Microsoft365Status, PermissionGrant } from '../../src/shared/heartbeat.ts'
import { chromiumLaunchOptions } from '../support/chromium.ts'
import { useConnectFixture } from '../support/connect-fixture.ts'
import { sandboxAsCloud } from '../support/connect-harness.ts'
import { connectedRecord } from '../support/connection-records.ts'
import { memorySecretStore } from '../support/console-host.ts'
import { signInWithBrowser } from '../support/sandbox-sign-in.ts'
import { makeTempDir } from '../support/temp-dir.ts'
import { expectPortClosed } from '../support/expect-port-closed.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'
const activityFeed = 'https://manage.office.com/ActivityFeed.Read'

/**
 * GRANT PERMISSIONS on its own: Microsoft's admin consent endpoint in the sandbox tenant, Chromium
 * as the system browser, and the console's own loopback listener receiving the GET redirect.
 */
describe('GRANT PERMISSIONS', () => {
  let sandbox: SandboxTenant
  let browser: Browser
  let dir: ReturnType<typeof makeTempDir>
  let session: MicrosoftCloudSession
  let repository: StateRepository
  let flow: PermissionGrantFlow
  let opened: string[]
  let waiting: Array<(url: string) => void>
  let changes: PermissionGrant[]
  let logs: string[]

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
    browser = await chromium.launch(chromiumLaunchOptions())
  })
  afterAll(async () => {
    await browser?.close()
    await sandbox?.close()
  })
  beforeEach(async () => {
    sandbox.scenario.reset()
    dir = makeTempDir('permission-grant')
    logs = []
    const logger = createConsoleLogger((line) => logs.push(line))
    session = new MicrosoftCloudSession({
      dataDir: dir.path,
      secrets: memorySecretStore(),
      openBrowser: () => Promise.reject(new Error('the grant opens its own URL')),
      logger,
      onSessionOnly: () => undefined,
      openCloud: () => Promise.resolve(sandboxAsCloud(sandbox))
    })
    await session.open({ kind: 'builtInSandbox' })
    repository = openStateRepository(dir.path, openConfStateFile, { logger }).repository
    opened = []
    waiting = []
    changes = []
  })
  afterEach(async () => {
    await flow?.close()
    await session.close()
    dir.remove()
  })

  function open(options: { timeLimitMs?: number; openBrowser?: (url: string) => Promise<void> } = {}): PermissionGrantFlow {
    flow = new PermissionGrantFlow({
      repository,
      cloud: () => session.current(),
      openBrowser:
        options.openBrowser ??
        ((url) => {
          opened.push(url)
          waiting.shift()?.(url)
          return Promise.resolve()
        }),
      logger: createConsoleLogger((line) => logs.push(line)),
      now: () => new Date(),
      timeLimitMs: options.timeLimitMs ?? 60_000,
      onChange: () => changes.push(flow.state())
    })
    return flow
  }

  /** A stored connection to Contoso whose last heartbeat found ActivityFeed.Read missing, as the sandbox now has it. */
  async function storeConnectionMissingActivityFeed(): Promise<void> {
    sandbox.scenario.removeGrantedPermission(activityFeed)
    await repository.update((state) => ({
      ...state,
      connections: {
        microsoft365: {
          ...connectedRecord({ tenant: { id: sandbox.tenantId, name: 'Contoso', domain: 'contoso.onmicrosoft.com' }, grantedPermissions: ['Directory.Read.All'] }),
          status: 'additionalSetupRequired'
        }
      }
    }))
  }

  const browserUrl = () =>
    new Promise<string>((resolve) => {
      if (opened.length > 0) return resolve(opened[0] as string)
      waiting.push(resolve)
    })

  const stateWhere = (predicate: (state: PermissionGrant) => boolean, timeoutMs = 15_000) =>
    new Promise<PermissionGrant>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs
      const poll = () => {
        const state = flow.state()
        if (predicate(state)) return resolve(state)
        if (Date.now() > deadline) return reject(new Error(`the grant never matched; it is ${JSON.stringify(state)}`))
        setTimeout(poll, 20)
      }
      poll()
    })

  async function inBrowser<T>(use: (page: Page) => Promise<T>): Promise<T> {
    const context = await browser.newContext()
    try {
      return await use(await context.newPage())
    } finally {
      await context.close()
    }
  }

  it('asks the admin consent endpoint for the missing permission, and hears the grant on its own loopback', async () => {
    await storeConnectionMissingActivityFeed()
    const before = JSON.stringify(repository.read())
    const started = open().start()
    expect(started).toMatchObject({ step: 'waitingForBrowser', permissions: ['ActivityFeed.Read'] })
    if (started.step !== 'waitingForBrowser') throw new Error('expected to wait for the browser')
    expect(Date.parse(started.deadline) - Date.parse(started.startedAt)).toBe(60_000)

    const url = new URL(await browserUrl())
    expect(`${url.origin}${url.pathname}`).toBe(new URL(`${sandbox.tenantId}/v2.0/adminconsent`, sandbox.baseUrl).href)
    expect(url.searchParams.get('client_id')).toBe(sandbox.clientId)
    expect(url.searchParams.get('scope')).toBe(activityFeed)
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? '')
    expect(redirect.href).toBe(`http://localhost:${redirect.port}/`)

    await inBrowser(async (page) => {
      expect(await signInWithBrowser(page, url.href, { account: megan })).toBe('returned-to-app')
      await expect.poll(() => page.getByRole('heading', { name: 'Permissions granted' }).isVisible()).toBe(true)
      expect(await page.getByText('You can close this tab').isVisible()).toBe(true)
    })
    const granted = await stateWhere((state) => state.step !== 'waitingForBrowser')
    expect(granted).toMatchObject({ step: 'granted', permissions: ['ActivityFeed.Read'] })
    expect(sandbox.scenario.grantedPermissions().management).toContain('ActivityFeed.Read')
    expect(changes.map((change) => change.step)).toEqual(['waitingForBrowser', 'granted'])
    await expectPortClosed(Number(redirect.port))
    // The grant itself writes nothing: the next heartbeat reads the tenant's grant.
    expect(JSON.stringify(repository.read())).toBe(before)

    if (granted.step !== 'granted') throw new Error('expected a grant')
    flow.heartbeatFinished(new Date(Date.parse(granted.at) - 1))
    expect(flow.state().step).toBe('granted')
    flow.heartbeatFinished(new Date(Date.parse(granted.at) + 1))
    expect(flow.state()).toEqual({ step: 'idle' })
    expect(changes.at(-1)).toEqual({ step: 'idle' })
  })

  it('asks for every missing permission at once, each on its own resource', async () => {
    sandbox.scenario.setGrantedPermissions({ graph: [], management: [] })
    await repository.update((state) => ({
      ...state,
      connections: {
        microsoft365: {
          ...connectedRecord({ tenant: { id: sandbox.tenantId, name: 'Contoso', domain: 'contoso.onmicrosoft.com' }, grantedPermissions: [] }),
          status: 'additionalSetupRequired'
        }
      }
    }))
    open().start()
    const url = new URL(await browserUrl())
    expect(url.searchParams.get('scope')).toBe(`https://graph.microsoft.com/Directory.Read.All ${activityFeed}`)
    await inBrowser((page) => signInWithBrowser(page, url.href, { account: megan }))
    expect(await stateWhere((state) => state.step !== 'waitingForBrowser')).toMatchObject({ step: 'granted', permissions: ['Directory.Read.All', 'ActivityFeed.Read'] })
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: ['Directory.Read.All'], management: ['ActivityFeed.Read'] })
  })

  it('says the request was declined when the admin selects Cancel at Microsoft, with the AADSTS code and trace ID', async () => {
    await storeConnectionMissingActivityFeed()
    open().start()
    const url = await browserUrl()
    await inBrowser(async (page) => {
      expect(await signInWithBrowser(page, url, { account: megan, consent: 'cancel' })).toBe('returned-to-app')
      await expect.poll(() => page.getByRole('heading', { name: 'The permissions were not granted' }).isVisible()).toBe(true)
    })
    const failed = await stateWhere((state) => state.step !== 'waitingForBrowser')
    expect(failed).toMatchObject({
      step: 'failed',
      title: expect.stringMatching(/declined/) as unknown,
      fix: expect.stringMatching(/GRANT PERMISSIONS again/) as unknown,
      details: { code: 'AADSTS65004', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown }
    })
    expect(sandbox.scenario.grantedPermissions().management).toEqual([])
  })

  it('says an account that is not an administrator cannot grant for the organisation', async () => {
    await storeConnectionMissingActivityFeed()
    open().start()
    const url = await browserUrl()
    await inBrowser((page) => signInWithBrowser(page, url, { account: adele, needAdminApproval: 'return' }))
    expect(await stateWhere((state) => state.step !== 'waitingForBrowser')).toMatchObject({
      step: 'failed',
      title: expect.stringMatching(/cannot grant permissions for your organisation/) as unknown,
      fix: expect.stringMatching(/Global Administrator account of Contoso/) as unknown,
      details: { code: 'AADSTS90094' }
    })
  })

  it('cancels while the browser is open: back to idle, the port refused at once, and a late answer changes nothing', async () => {
    await storeConnectionMissingActivityFeed()
    open().start()
    const url = new URL(await browserUrl())
    const redirect = url.searchParams.get('redirect_uri') ?? ''
    expect(flow.cancel()).toEqual({ step: 'idle' })
    expect(changes.at(-1)).toEqual({ step: 'idle' })
    await expectPortClosed(Number(new URL(redirect).port))
    const late = await fetch(`${redirect}?admin_consent=True&tenant=${sandbox.tenantId}&state=${url.searchParams.get('state') ?? ''}`).catch(() => null)
    expect(late).toBeNull()
    expect(flow.state()).toEqual({ step: 'idle' })
  })

  it('gives up after its own time limit, says so, and frees the port', async () => {
    await storeConnectionMissingActivityFeed()
    // Long enough that the browser opens well before it, even on a busy machine; the test waits for
    // the open, then for the state, and never races the two.
    const started = open({ timeLimitMs: 3_000 }).start()
    if (started.step !== 'waitingForBrowser') throw new Error('expected to wait for the browser')
    expect(Date.parse(started.deadline) - Date.parse(started.startedAt)).toBe(3_000)
    const redirect = new URL(new URL(await browserUrl()).searchParams.get('redirect_uri') ?? '')
    expect(await stateWhere((state) => state.step !== 'waitingForBrowser')).toMatchObject({
      step: 'failed',
      title: 'The permissions were not granted within 3 seconds, so the console stopped waiting.',
      fix: expect.stringMatching(/GRANT PERMISSIONS again/) as unknown
    })
    await expectPortClosed(Number(redirect.port))
  })

  it('refuses an answer without its state and keeps waiting for the real one', async () => {
    await storeConnectionMissingActivityFeed()
    open().start()
    const url = new URL(await browserUrl())
    const redirect = url.searchParams.get('redirect_uri') ?? ''
    const state = url.searchParams.get('state') ?? ''
    for (const forged of [`${redirect}?admin_consent=True&tenant=${sandbox.tenantId}&state=${state}x`, `${redirect}?admin_consent=True&tenant=${sandbox.tenantId}`]) {
      const answer = await fetch(forged)
      expect(answer.status).toBe(400)
      expect(await answer.text()).toContain('This answer was not expected')
    }
    // A declined answer with a wrong state cannot end the wait either.
    expect((await fetch(`${redirect}?error=access_denied&state=wrong`)).status).toBe(400)
    expect((await fetch(`${redirect}?admin_consent=True&state=${state}`, { method: 'POST' })).status).toBe(404)
    expect(sandbox.scenario.grantedPermissions().management).toEqual([])

    await inBrowser((page) => signInWithBrowser(page, url.href, { account: megan }))
    expect(await stateWhere((next) => next.step !== 'waitingForBrowser')).toMatchObject({ step: 'granted' })
    expect(changes.map((change) => change.step)).toEqual(['waitingForBrowser', 'granted'])
  })

  it('says so when the system browser cannot be opened, and frees the port', async () => {
    await storeConnectionMissingActivityFeed()
    let redirect = ''
    open({
      openBrowser: (url) => {
        redirect = new URL(url).searchParams.get('redirect_uri') ?? ''
        return Promise.reject(new Error('no default browser'))
      }
    }).start()
    expect(await stateWhere((state) => state.step !== 'waitingForBrowser')).toMatchObject({
      step: 'failed',
      title: 'The console could not open your web browser.',
      details: { code: 'browser_not_opened' }
    })
    await expectPortClosed(Number(new URL(redirect).port))
  })

  it('refuses with nothing connected, and with nothing missing; a second start while waiting answers the wait', async () => {
    const grant = open()
    expect(() => grant.start()).toThrow(expect.objectContaining({ code: 'notConnected' }) as unknown)
    await repository.update((state) => ({
      ...state,
      connections: { microsoft365: connectedRecord({ tenant: { id: sandbox.tenantId, name: 'Contoso', domain: 'contoso.onmicrosoft.com' } }) }
    }))
    let refusal: unknown
    try {
      grant.start()
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(ConsoleUserError)
    expect((refusal as ConsoleUserError).message).toMatch(/already has every permission it needs in Contoso/)
    expect(changes).toEqual([])

    await storeConnectionMissingActivityFeed()
    const first = grant.start()
    expect(grant.start()).toEqual(first)
    await browserUrl()
    expect(opened).toHaveLength(1)
  })

  it('close() ends the wait and frees the port, for quit and disconnect', async () => {
    await storeConnectionMissingActivityFeed()
    open().start()
    const redirect = new URL(new URL(await browserUrl()).searchParams.get('redirect_uri') ?? '')
    await flow.close()
    expect(flow.state()).toEqual({ step: 'idle' })
    await expectPortClosed(Number(redirect.port))
  })
})

/**
 * The manual's cycle through the composition root with every piece real: a heartbeat finds a
 * permission removed, GRANT PERMISSIONS asks Microsoft in the sandbox's browser pages, and the next
 * heartbeat picks the grant up.
 */
describe('Connected (Additional setup required) → GRANT PERMISSIONS → Connected', () => {
  const fixture = useConnectFixture('permission-grant-cycle')

  it('a removed permission shows as Additional setup required, is granted in the browser, and the next heartbeat says Connected', async () => {
    const console_ = fixture.open()
    const { handlers } = console_.services
    const status = async (): Promise<Microsoft365Status> => (await handlers.getMicrosoft365Status()).value
    const connection = async () => (await handlers.listCloudApplications()).value[0]?.connection

    await handlers.startMicrosoft365Connect()
    expect(await console_.browse({ account: megan })).toBe('returned-to-app')
    expect(await console_.flowWhere((flow) => flow.step === 'auditLog' || flow.step === 'failed')).toMatchObject({ step: 'auditLog' })
    await handlers.confirmMicrosoft365Connect()
    await vi.waitFor(
      async () => {
        const now = await status()
        expect(now.recentHeartbeats.length).toBeGreaterThan(0)
        expect(now.checking).toBe(false)
      },
      { timeout: 15_000 }
    )
    // Through IPC a handler's throw becomes the call's refusal, as the dispatcher awaits it.
    await expect(Promise.resolve().then(() => handlers.grantMicrosoft365Permissions())).rejects.toMatchObject({
      message: expect.stringMatching(/nothing to grant/) as unknown
    })

    fixture.sandbox.scenario.removeGrantedPermission(activityFeed)
    await handlers.checkMicrosoft365Now()
    expect((await connection())?.status).toBe('additionalSetupRequired')
    const missing = await status()
    expect(missing.permissions.map((permission) => [permission.name, permission.state])).toEqual([
      ['Directory.Read.All', 'granted'],
      ['ActivityFeed.Read', 'missing']
    ])
    expect(missing.grant).toEqual({ step: 'idle' })
    const statesDuringGrant: string[] = []
    const stop = console_.services.events.subscribe((event, payload) => {
      if (event === 'microsoft365StatusChanged') statesDuringGrant.push((payload.value as Microsoft365Status).grant.step)
    })

    const waiting = (await handlers.grantMicrosoft365Permissions()).value.grant
    expect(waiting).toMatchObject({ step: 'waitingForBrowser', permissions: ['ActivityFeed.Read'] })
    expect(await console_.browse({ account: megan })).toBe('returned-to-app')
    const consentUrl = new URL(console_.opened.at(-1) ?? '')
    expect(consentUrl.pathname).toBe(`/${fixture.sandbox.tenantId}/v2.0/adminconsent`)
    expect(consentUrl.searchParams.get('scope')).toBe(activityFeed)
    await vi.waitFor(async () => expect((await status()).grant).toMatchObject({ step: 'granted', permissions: ['ActivityFeed.Read'] }), { timeout: 10_000 })
    // The grant alone changes nothing stored: the status still says what the last heartbeat read.
    expect((await connection())?.status).toBe('additionalSetupRequired')
    expect(fixture.sandbox.scenario.grantedPermissions().management).toEqual(['ActivityFeed.Read'])

    await handlers.checkMicrosoft365Now()
    expect(await connection()).toMatchObject({ status: 'connected', grantedPermissions: expect.arrayContaining(['ActivityFeed.Read']) as unknown })
    const after = await status()
    expect(after.grant).toEqual({ step: 'idle' })
    expect(after.permissions.every((permission) => permission.state === 'granted')).toBe(true)
    expect(after.recentHeartbeats.map((record) => record.outcome).slice(0, 2)).toEqual(['connected', 'additionalSetupRequired'])
    stop()
    expect(statesDuringGrant).toContain('waitingForBrowser')
    expect(statesDuringGrant).toContain('granted')
    expect(statesDuringGrant.at(-1)).toBe('idle')
  })
})
