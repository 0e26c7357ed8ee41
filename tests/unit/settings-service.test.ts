import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createConsoleServices } from '../../src/main/composition.ts'
import type { MicrosoftCloudSetting } from '../../src/main/microsoft-cloud/microsoft-cloud-config.ts'
import type { MicrosoftCloud } from '../../src/main/microsoft-cloud/microsoft-cloud.ts'
import { testConsoleEnvironment } from '../support/console-host.ts'
import { connectedRecord } from '../support/connection-records.ts'
import { makeTempDir } from '../support/temp-dir.ts'
import { openConfStateFile } from '../../src/main/state/conf-state-file.ts'
import { openStateRepository } from '../../src/main/state/state-repository.ts'
import { silentLogger } from '../../src/main/logger.ts'
import { SettingsService } from '../../src/main/settings/settings-service.ts'
import { DEFAULT_HEARTBEAT_SECONDS, heartbeatIntervalChoices } from '../../src/shared/heartbeat.ts'

const clientId = '0f1e2d3c-4b5a-4968-8776-655443322110'

/** Settings: the admin's own app registration and cloud, beneath the environment (DESIGN.md). */
describe('Settings', () => {
  let dir: ReturnType<typeof makeTempDir>
  let opened: MicrosoftCloudSetting[]
  beforeEach(() => {
    dir = makeTempDir('console-settings')
    opened = []
  })
  afterEach(() => dir.remove())

  // The cloud is recorded, not opened: these tests are about which one Settings choose.
  const openCloud = (setting: MicrosoftCloudSetting): Promise<MicrosoftCloud> => {
    opened.push(setting)
    return Promise.resolve({ kind: 'unconfigured', sandbox: undefined, close: () => Promise.resolve() })
  }
  const create = (overrides: Parameters<typeof testConsoleEnvironment>[1] = {}) =>
    createConsoleServices(testConsoleEnvironment(dir.path, { openCloud, ...overrides }))

  it('asks an installed build for a client ID: nothing is configured, and the form can be edited', async () => {
    const { handlers, microsoftCloud } = create()
    await microsoftCloud
    expect((await handlers.getSettings()).value).toEqual({
      clientId: { value: null, source: 'default' },
      cloud: { value: 'global', source: 'default' },
      effective: 'unconfigured',
      editable: true,
      lockedReason: null,
      updateChecks: { value: true, source: 'default' },
      heartbeatInterval: { seconds: 300, source: 'default' }
    })
    expect(opened).toEqual([{ kind: 'unconfigured' }])
  })

  it('saves a client ID and a cloud, opens that cloud at once, announces the change, and keeps it for the next launch', async () => {
    const services = create()
    const { handlers, events } = services
    const heard: unknown[] = []
    events.subscribe((event, payload) => event === 'settingsChanged' && heard.push(payload.value))
    const saved = (await handlers.saveSettings({ clientId: clientId.toUpperCase(), cloud: 'usGovernment' })).value
    expect(saved).toMatchObject({ clientId: { value: clientId, source: 'settings' }, cloud: { value: 'usGovernment', source: 'settings' }, effective: 'tenant' })
    expect(heard).toEqual([saved])
    expect(opened.at(-1)).toMatchObject({ kind: 'tenant', clientId, endpoints: { loginEndpoint: 'https://login.microsoftonline.us/', graphResource: 'https://graph.microsoft.us' } })
    await services.close()

    opened = []
    await create().microsoftCloud
    expect(opened).toEqual([expect.objectContaining({ kind: 'tenant', clientId })])
  })

  it('offers the sandbox as an explicit demo, without a client ID, even in an installed build', async () => {
    const { handlers } = create()
    expect((await handlers.saveSettings({ clientId: null, cloud: 'sandbox' })).value).toMatchObject({ effective: 'builtInSandbox', cloud: { value: 'sandbox' } })
    expect(opened.at(-1)).toEqual({ kind: 'builtInSandbox' })
  })

  it('refuses a cloud other than the sandbox without a client ID, and says why', async () => {
    const { handlers } = create()
    await expect(handlers.saveSettings({ clientId: null, cloud: 'global' })).rejects.toMatchObject({
      code: 'invalidArguments',
      message: expect.stringContaining('Application (client) ID') as unknown
    })
  })

  it('shows values set by the environment as such, and refuses to change them', async () => {
    const { handlers } = create({ env: { M365_CLIENT_ID: clientId } })
    expect((await handlers.getSettings()).value).toMatchObject({
      clientId: { value: clientId, source: 'environment' },
      editable: false,
      lockedReason: expect.stringContaining('M365_CLIENT_ID') as unknown
    })
    await expect(handlers.saveSettings({ clientId: null, cloud: 'sandbox' })).rejects.toMatchObject({ code: 'settingsLocked' })
  })

  it('prefers Settings over a client ID baked in at build time, and shows the built-in one until then', async () => {
    const builtInClientId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
    const { handlers } = create({ builtInClientId })
    expect((await handlers.getSettings()).value).toMatchObject({ clientId: { value: builtInClientId, source: 'builtIn' }, effective: 'tenant' })
    await handlers.saveSettings({ clientId, cloud: 'global' })
    expect(opened.at(-1)).toMatchObject({ clientId })
  })

  it('keeps the built-in client ID out of what it saves, so that a later release’s built-in one takes over', async () => {
    const builtInClientId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
    const { handlers } = create({ builtInClientId })
    const saved = (await handlers.saveSettings({ clientId: builtInClientId.toUpperCase(), cloud: 'global' })).value
    expect(saved).toMatchObject({ clientId: { value: builtInClientId, source: 'builtIn' }, cloud: { value: 'global', source: 'settings' } })
  })

  it('says so when the cloud the new settings choose cannot be prepared, rather than that they were saved', async () => {
    const failing = (setting: MicrosoftCloudSetting): Promise<MicrosoftCloud> =>
      setting.kind === 'builtInSandbox' ? Promise.reject(new Error('EADDRINUSE')) : openCloud(setting)
    const { handlers } = create({ openCloud: failing })
    await expect(handlers.saveSettings({ clientId: null, cloud: 'sandbox' })).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('sandbox tenant could not start') as unknown
    })
    await expect(handlers.startMicrosoft365Connect()).rejects.toMatchObject({ code: 'failed', message: expect.stringContaining('could not prepare the sign-in') as unknown })
  })

  it('keeps update checks on by default, lets the admin turn them off even while connected, and shows CONSOLE_UPDATES=off as the environment’s', async () => {
    const { repository } = openStateRepository(dir.path, openConfStateFile, { logger: silentLogger })
    await repository.update((state) => ({ ...state, connections: { microsoft365: connectedRecord() } }))
    const services = create()
    expect((await services.handlers.getSettings()).value.updateChecks).toEqual({ value: true, source: 'default' })
    expect(services.updateChecksWanted()).toBe(true)
    expect((await services.handlers.setUpdateChecks(false)).value.updateChecks).toEqual({ value: false, source: 'settings' })
    expect(services.updateChecksWanted()).toBe(false)
    await services.close()

    const fromEnvironment = create({ env: { CONSOLE_UPDATES: 'off' } })
    expect((await fromEnvironment.handlers.getSettings()).value.updateChecks).toEqual({ value: false, source: 'environment' })
    await expect(fromEnvironment.handlers.setUpdateChecks(true)).rejects.toMatchObject({ code: 'settingsLocked' })
  })

  it('offers the heartbeat interval, saves a choice even while connected, announces it and keeps it for the next launch', async () => {
    const { repository } = openStateRepository(dir.path, openConfStateFile, { logger: silentLogger })
    await repository.update((state) => ({ ...state, connections: { microsoft365: connectedRecord() } }))
    const services = create()
    const heard: unknown[] = []
    services.events.subscribe((event, payload) => event === 'settingsChanged' && heard.push(payload.value))
    expect((await services.handlers.getSettings()).value.heartbeatInterval).toEqual({ seconds: DEFAULT_HEARTBEAT_SECONDS, source: 'default' })
    const saved = (await services.handlers.setHeartbeatInterval(900)).value
    expect(saved.heartbeatInterval).toEqual({ seconds: 900, source: 'settings' })
    expect(heard).toEqual([saved])
    await services.close()

    const again = create()
    expect((await again.handlers.getSettings()).value.heartbeatInterval).toEqual({ seconds: 900, source: 'settings' })
    await again.close()
  })

  it('shows CONSOLE_HEARTBEAT_SECONDS as the environment’s and refuses to change it, but ignores a value that is not whole seconds up to a day', async () => {
    const fromEnvironment = create({ env: { CONSOLE_HEARTBEAT_SECONDS: '30' } })
    expect((await fromEnvironment.handlers.getSettings()).value.heartbeatInterval).toEqual({ seconds: 30, source: 'environment' })
    await expect(fromEnvironment.handlers.setHeartbeatInterval(600)).rejects.toMatchObject({
      code: 'settingsLocked',
      message: expect.stringContaining('CONSOLE_HEARTBEAT_SECONDS') as unknown
    })
    await fromEnvironment.close()

    const ignored = create({ env: { CONSOLE_HEARTBEAT_SECONDS: '90000' } })
    expect((await ignored.handlers.getSettings()).value.heartbeatInterval).toEqual({ seconds: DEFAULT_HEARTBEAT_SECONDS, source: 'default' })
    expect((await ignored.handlers.setHeartbeatInterval(60)).value.heartbeatInterval).toEqual({ seconds: 60, source: 'settings' })
    await ignored.close()
  })

  it('locks while Microsoft 365 is connected, so the cloud cannot change under a connection', async () => {
    const { repository } = openStateRepository(dir.path, openConfStateFile, { logger: silentLogger })
    await repository.update((state) => ({ ...state, connections: { microsoft365: connectedRecord() } }))
    const { handlers } = create()
    expect((await handlers.getSettings()).value).toMatchObject({ editable: false, lockedReason: expect.stringContaining('Disconnect') as unknown })
    await expect(handlers.saveSettings({ clientId, cloud: 'global' })).rejects.toMatchObject({ code: 'settingsLocked' })
  })
})

/** The interval the heartbeat scheduler asks for at each scheduling. */
describe('Settings: the heartbeat interval', () => {
  let dir: ReturnType<typeof makeTempDir>
  beforeEach(() => (dir = makeTempDir('console-heartbeat-setting')))
  afterEach(() => dir.remove())

  const settingsIn = (env: NodeJS.ProcessEnv) => {
    const { repository } = openStateRepository(dir.path, openConfStateFile, { logger: silentLogger })
    const settings = new SettingsService({
      repository,
      env,
      builtInClientId: undefined,
      mayUseBuiltInSandbox: false,
      busyReason: () => 'Disconnect Microsoft 365 before you change the app registration or the cloud.',
      applyCloud: () => Promise.resolve()
    })
    return { settings, repository }
  }

  it('gives the scheduler the default, then the admin’s choice, in milliseconds, at once', async () => {
    const { settings } = settingsIn({})
    expect(settings.heartbeatIntervalMs()).toBe(5 * 60_000)
    await settings.setHeartbeatInterval(60)
    expect(settings.heartbeatIntervalMs()).toBe(60_000)
  })

  it('offers exactly the choices of the contract, whatever locks the cloud, and refuses any other interval with words for people', async () => {
    const { settings, repository } = settingsIn({})
    for (const seconds of heartbeatIntervalChoices) {
      expect((await settings.setHeartbeatInterval(seconds)).heartbeatInterval).toEqual({ seconds, source: 'settings' })
    }
    for (const seconds of [0, 30, 61, 7200, 1.5, -60]) {
      await expect(settings.setHeartbeatInterval(seconds)).rejects.toMatchObject({ code: 'invalidArguments', message: expect.stringContaining('heartbeat interval') as unknown })
    }
    expect(repository.read().heartbeatSeconds).toBe(3600)
  })

  it('lets CONSOLE_HEARTBEAT_SECONDS win over a saved choice, and keeps that choice for when the environment stops setting it', async () => {
    await settingsIn({}).settings.setHeartbeatInterval(600)
    const { settings } = settingsIn({ CONSOLE_HEARTBEAT_SECONDS: '2' })
    expect(settings.heartbeatIntervalMs()).toBe(2000)
    expect(settings.view().heartbeatInterval).toEqual({ seconds: 2, source: 'environment' })
    await expect(settings.setHeartbeatInterval(60)).rejects.toMatchObject({ code: 'settingsLocked' })
    expect(settingsIn({}).settings.heartbeatIntervalMs()).toBe(600_000)
  })
})
