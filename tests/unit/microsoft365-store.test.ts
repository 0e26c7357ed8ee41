import { describe, expect, it, vi } from 'vitest'
import { createConsoleStore } from '../../src/renderer/src/store/console-store.ts'
import type { CloudApplication } from '../../src/shared/cloud-applications.ts'
import { ConsoleCallError, type Revised } from '../../src/shared/contract-names.ts'
import type { ConsoleApi, ConsoleSnapshot, EventPayload } from '../../src/shared/contract.ts'
import type { ConnectFlow, DisconnectResult } from '../../src/shared/microsoft-365.ts'
import { snapshotOfSeparateAnswers } from '../support/faked-answers.ts'
import { settingsView } from '../support/settings-views.ts'

const tenant = { id: '00000000-0000-0000-0000-000000000001', name: 'Contoso', domain: 'contoso.onmicrosoft.com' }
const waiting: ConnectFlow = { step: 'waitingForBrowser', startedAt: '2026-11-27T10:00:00.000Z', deadline: '2026-11-27T10:05:00.000Z' }
const auditLog: ConnectFlow = { step: 'auditLog', tenant, account: 'admin@contoso.onmicrosoft.com', auditLog: { state: 'on' }, checking: false }
const idle: ConnectFlow = { step: 'idle' }
const connected: CloudApplication = {
  id: 'microsoft365',
  name: 'Microsoft 365',
  connection: {
    status: 'connected',
    tenant,
    account: 'admin@contoso.onmicrosoft.com',
    connectedAt: '2026-11-27T10:06:00.000Z',
    manifestVersion: '1',
    grantedPermissions: ['Directory.Read.All'],
    lastHeartbeatAt: null
  }
}

const settings = settingsView()

function deferred<T>() {
  let resolve: (value: T) => void = () => {}
  let reject: (reason: unknown) => void = () => {}
  const promise = new Promise<T>((settle, fail) => ((resolve = settle), (reject = fail)))
  return { promise, resolve, reject }
}

/** Every method answers when the test says so; calls are counted by name. */
function fakeApi() {
  const calls: string[] = []
  const flowListeners = new Set<(payload: EventPayload<'microsoft365ConnectFlowChanged'>) => void>()
  let answer: Partial<Record<keyof ConsoleApi, () => Promise<unknown>>> = {}
  const call =
    <T>(name: keyof ConsoleApi, fallback: () => Promise<T>) =>
    (): Promise<T> => {
      calls.push(name)
      const given = answer[name]
      return given ? (given() as Promise<T>) : fallback()
    }
  const revisedIdle = (): Promise<Revised<ConnectFlow>> => Promise.resolve({ revision: 0, value: idle })
  const api: ConsoleApi = {
    getConsoleSnapshot: call('getConsoleSnapshot', () => snapshotOfSeparateAnswers(api)),
    listCloudApplications: call('listCloudApplications', () => Promise.resolve({ revision: 0, value: [connected] })),
    listNotices: call('listNotices', () => Promise.resolve({ revision: 0, value: [] })),
    dismissNotice: call('dismissNotice', () => Promise.resolve({ revision: 0, value: [] })),
    getMicrosoft365ConnectFlow: call('getMicrosoft365ConnectFlow', revisedIdle),
    startMicrosoft365Connect: call('startMicrosoft365Connect', revisedIdle),
    cancelMicrosoft365Connect: call('cancelMicrosoft365Connect', revisedIdle),
    recheckMicrosoft365AuditLog: call('recheckMicrosoft365AuditLog', revisedIdle),
    confirmMicrosoft365Connect: call('confirmMicrosoft365Connect', revisedIdle),
    disconnectMicrosoft365: (options) => {
      calls.push(`disconnectMicrosoft365:${JSON.stringify(options)}`)
      const given = answer.disconnectMicrosoft365
      return given ? (given() as Promise<DisconnectResult>) : Promise.resolve({ permissions: 'kept' })
    },
    cancelMicrosoft365SignIn: call('cancelMicrosoft365SignIn', () => Promise.resolve(null)),
    getMicrosoft365Permissions: call('getMicrosoft365Permissions', () =>
      Promise.resolve({ version: '1', permissions: [{ name: 'Directory.Read.All', resource: 'Microsoft Graph' as const, purpose: 'Reads the tenant.' }] })
    ),
    listActivity: call('listActivity', () => Promise.resolve({ revision: 0, value: [] })),
    getSettings: call('getSettings', () => Promise.resolve({ revision: 0, value: settings })),
    saveSettings: call('saveSettings', () => Promise.reject(new Error('not used here'))),
    setUpdateChecks: call('setUpdateChecks', () => Promise.reject(new Error('not used here'))),
    setHeartbeatInterval: call('setHeartbeatInterval', () => Promise.reject(new Error('not used here'))),
    getMicrosoft365Status: call('getMicrosoft365Status', () =>
      Promise.resolve({ revision: 0, value: { recentHeartbeats: [], nextHeartbeatAt: null, checking: false, permissions: [], grant: { step: 'idle' as const } } })
    ),
    checkMicrosoft365Now: call('checkMicrosoft365Now', () => Promise.reject(new Error('not used here'))),
    grantMicrosoft365Permissions: call('grantMicrosoft365Permissions', () => Promise.reject(new Error('not used here'))),
    cancelMicrosoft365PermissionGrant: call('cancelMicrosoft365PermissionGrant', () => Promise.reject(new Error('not used here'))),
    onCloudApplicationsChanged: () => () => {},
    onNoticesChanged: () => () => {},
    onMicrosoft365ConnectFlowChanged: (listener) => (flowListeners.add(listener), () => flowListeners.delete(listener)),
    onActivityChanged: () => () => {},
    onSettingsChanged: () => () => {},
    onMicrosoft365StatusChanged: () => () => {},
    onMicrosoft365StatusRequested: () => () => {}
  }
  return {
    api,
    calls,
    answer: (answers: typeof answer) => (answer = { ...answer, ...answers }),
    fireFlow: (revision: number, value: ConnectFlow) => flowListeners.forEach((listener) => listener({ revision, value }))
  }
}

function setUp() {
  const fake = fakeApi()
  const store = createConsoleStore(() => fake.api)
  return { fake, store }
}

const failed = (message: string) => () => Promise.reject(new ConsoleCallError({ code: 'failed', message }))

describe('Connect to Microsoft 365, in the store', () => {
  it('keeps a newer step from an event over an older step in the first load’s snapshot', async () => {
    const { fake, store } = setUp()
    const snapshot = deferred<ConsoleSnapshot>()
    fake.answer({ getConsoleSnapshot: () => snapshot.promise })
    store.getState().start()
    fake.fireFlow(4, waiting)
    snapshot.resolve({ ...(await snapshotOfSeparateAnswers(fake.api)), microsoft365ConnectFlow: { revision: 3, value: idle } })
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true))
    expect(store.getState().connectFlow).toEqual(waiting)
    expect(store.getState().connectFlowRevision).toBe(4)
    expect(store.getState().cloudApplications).toEqual([connected])
  })

  it('shows that CONNECT waits, then the step main answers with', async () => {
    const { fake, store } = setUp()
    const answer = deferred<Revised<ConnectFlow>>()
    fake.answer({ startMicrosoft365Connect: () => answer.promise })
    store.getState().openConnectDialog('microsoft365')
    const started = store.getState().startConnect()
    expect(store.getState().connectPending).toBe('start')
    answer.resolve({ revision: 3, value: waiting })
    await started
    expect(store.getState().connectPending).toBeNull()
    expect(store.getState().connectFlow).toEqual(waiting)
    expect(store.getState().connectFlowRevision).toBe(3)
  })

  it('keeps a newer step from an event over an older answer, and ignores an older event', async () => {
    const { fake, store } = setUp()
    store.getState().start()
    const answer = deferred<Revised<ConnectFlow>>()
    fake.answer({ startMicrosoft365Connect: () => answer.promise })
    const started = store.getState().startConnect()
    fake.fireFlow(4, { step: 'checkingPrerequisites' })
    answer.resolve({ revision: 3, value: waiting })
    await started
    expect(store.getState().connectFlow).toEqual({ step: 'checkingPrerequisites' })
    fake.fireFlow(5, auditLog)
    fake.fireFlow(4, { step: 'checkingPrerequisites' })
    expect(store.getState().connectFlow).toEqual(auditLog)
  })

  it('says inside the dialog when CONNECT fails, without rejecting and without the top bar', async () => {
    const { fake, store } = setUp()
    fake.answer({ startMicrosoft365Connect: failed('Another sign-in is already under way.') })
    store.getState().openConnectDialog('microsoft365')
    await expect(store.getState().startConnect()).resolves.toBeUndefined()
    expect(store.getState().connectFailure).toEqual({ what: 'The sign-in could not be started.', why: 'Another sign-in is already under way.' })
    expect(store.getState().actionFailure).toBeNull()
    expect(store.getState().connectPending).toBeNull()
  })

  it('cancels a sign-in under way when the dialog closes, and leaves an idle dialog alone', async () => {
    const { fake, store } = setUp()
    store.getState().openConnectDialog('microsoft365')
    store.getState().closeConnectDialog()
    expect(fake.calls).not.toContain('cancelMicrosoft365Connect')

    fake.answer({
      startMicrosoft365Connect: () => Promise.resolve({ revision: 1, value: waiting }),
      cancelMicrosoft365Connect: () => Promise.resolve({ revision: 2, value: idle })
    })
    store.getState().openConnectDialog('microsoft365')
    await store.getState().startConnect()
    store.getState().closeConnectDialog()
    expect(store.getState().connectDialog).toBe('closed')
    expect(fake.calls).toContain('cancelMicrosoft365Connect')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(store.getState().connectFlow).toEqual(idle)
    expect(store.getState().connectPending).toBeNull()
  })

  it('cancels a failed attempt and Step 2 too when the dialog closes, so nothing is left behind', async () => {
    for (const flow of [auditLog, { step: 'failed', failure: { kind: 'subscription', title: 'No subscription.', fix: 'Buy one.', details: null } } as const]) {
      const { fake, store } = setUp()
      store.getState().openConnectDialog('microsoft365')
      fake.answer({ startMicrosoft365Connect: () => Promise.resolve({ revision: 1, value: flow }) })
      await store.getState().startConnect()
      store.getState().closeConnectDialog()
      expect(fake.calls).toContain('cancelMicrosoft365Connect')
    }
  })

  it('cancels even while CONNECT has not answered yet', () => {
    const { fake, store } = setUp()
    fake.answer({ startMicrosoft365Connect: () => new Promise(() => {}) })
    store.getState().openConnectDialog('microsoft365')
    void store.getState().startConnect()
    store.getState().closeConnectDialog()
    expect(fake.calls).toContain('cancelMicrosoft365Connect')
  })

  it('puts a failed cancel in the top bar once the dialog is gone', async () => {
    const { fake, store } = setUp()
    fake.answer({ startMicrosoft365Connect: () => Promise.resolve({ revision: 1, value: waiting }), cancelMicrosoft365Connect: failed('Main is busy.') })
    store.getState().openConnectDialog('microsoft365')
    await store.getState().startConnect()
    await store.getState().cancelConnect()
    expect(store.getState().connectFailure?.why).toBe('Main is busy.')
    store.getState().closeConnectDialog()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(store.getState().actionFailure).toEqual({ what: 'The sign-in could not be cancelled.', why: 'Main is busy.' })
  })

  it('shows Check again waiting, and applies the new audit log state', async () => {
    const { fake, store } = setUp()
    const answer = deferred<Revised<ConnectFlow>>()
    fake.answer({ recheckMicrosoft365AuditLog: () => answer.promise })
    store.getState().openConnectDialog('microsoft365')
    fake.fireFlow(1, auditLog)
    store.getState().start()
    fake.fireFlow(2, { ...auditLog, auditLog: { state: 'appearsOff', details: null } })
    const rechecked = store.getState().recheckAuditLog()
    expect(store.getState().connectPending).toBe('recheck')
    answer.resolve({ revision: 3, value: auditLog })
    await rechecked
    expect(store.getState().connectPending).toBeNull()
    expect(store.getState().connectFlow).toEqual(auditLog)
  })

  it('closes the dialog after CONFIRM and says so, without cancelling', async () => {
    const { fake, store } = setUp()
    store.getState().start()
    fake.fireFlow(10, auditLog)
    store.getState().openConnectDialog('microsoft365')
    fake.answer({ confirmMicrosoft365Connect: () => Promise.resolve({ revision: 11, value: idle }) })
    await store.getState().confirmConnect()
    expect(store.getState().connectDialog).toBe('closed')
    expect(store.getState().connectFlow).toEqual(idle)
    expect(store.getState().statusMessage).toBe('Microsoft 365 is connected.')
    expect(fake.calls).not.toContain('cancelMicrosoft365Connect')
  })

  it('keeps the dialog open on Step 2 when CONFIRM fails, and says why in it', async () => {
    const { fake, store } = setUp()
    store.getState().start()
    fake.fireFlow(10, auditLog)
    store.getState().openConnectDialog('microsoft365')
    fake.answer({ confirmMicrosoft365Connect: failed('The console could not save its data.') })
    await store.getState().confirmConnect()
    expect(store.getState().connectDialog).toBe('microsoft365')
    expect(store.getState().connectFlow).toEqual(auditLog)
    expect(store.getState().connectFailure).toEqual({ what: 'Microsoft 365 could not be connected.', why: 'The console could not save its data.' })
  })

  it('does not cancel a CONFIRM already sent when the dialog closes meanwhile', () => {
    const { fake, store } = setUp()
    store.getState().start()
    fake.fireFlow(10, auditLog)
    store.getState().openConnectDialog('microsoft365')
    fake.answer({ confirmMicrosoft365Connect: () => new Promise(() => {}) })
    void store.getState().confirmConnect()
    store.getState().closeConnectDialog()
    expect(fake.calls).not.toContain('cancelMicrosoft365Connect')
  })
})

describe('the connection status dialog and disconnect, in the store', () => {
  it('loads the permissions when the status opens and they are not there yet', async () => {
    const { fake, store } = setUp()
    store.getState().openStatusDialog('status')
    expect(store.getState().statusDialog).toBe('status')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(fake.calls.filter((name) => name === 'getMicrosoft365Permissions')).toHaveLength(1)
    expect(store.getState().permissions?.permissions[0]?.name).toBe('Directory.Read.All')
    store.getState().openStatusDialog('status')
    expect(fake.calls.filter((name) => name === 'getMicrosoft365Permissions')).toHaveLength(1)
  })

  it('says when the permissions cannot be loaded, and loads them on a retry', async () => {
    const { fake, store } = setUp()
    fake.answer({ getMicrosoft365Permissions: failed('Busy.') })
    await store.getState().loadPermissions()
    expect(store.getState().permissionsLoadError).toBe('Busy.')
    fake.answer({ getMicrosoft365Permissions: () => Promise.resolve({ version: '1', permissions: [] }) })
    await store.getState().loadPermissions()
    expect(store.getState().permissionsLoadError).toBeNull()
    expect(store.getState().permissions).toEqual({ version: '1', permissions: [] })
  })

  it('disconnects without removal: shows Disconnecting, closes the dialog and says it politely', async () => {
    const { fake, store } = setUp()
    const answer = deferred<DisconnectResult>()
    fake.answer({ disconnectMicrosoft365: () => answer.promise })
    store.getState().openStatusDialog('disconnect')
    const done = store.getState().disconnect(false)
    expect(store.getState().disconnecting).toEqual({ removePermissions: false })
    answer.resolve({ permissions: 'kept' })
    await done
    expect(fake.calls).toContain('disconnectMicrosoft365:{"removePermissions":false}')
    expect(store.getState().disconnecting).toBeNull()
    expect(store.getState().statusDialog).toBe('closed')
    expect(store.getState().statusMessage).toBe('Microsoft 365 was disconnected.')
  })

  it('disconnects with removal: waits for the browser, offers Cancel, and says the permissions went', async () => {
    const { fake, store } = setUp()
    const answer = deferred<DisconnectResult>()
    fake.answer({ disconnectMicrosoft365: () => answer.promise })
    store.getState().openStatusDialog('disconnect')
    const done = store.getState().disconnect(true)
    expect(store.getState().disconnecting).toEqual({ removePermissions: true })
    answer.resolve({ permissions: 'removed' })
    await done
    expect(store.getState().statusDialog).toBe('closed')
    expect(store.getState().statusMessage).toBe('Microsoft 365 was disconnected, and the console’s permissions were removed from the tenant.')
  })

  it('keeps the dialog open on “Disconnected, but …” when the permissions stayed', async () => {
    const { fake, store } = setUp()
    const notRemoved: DisconnectResult = {
      permissions: 'notRemoved',
      title: 'Disconnected, but the console’s permissions are still in the tenant.',
      fix: 'Remove them in the Microsoft Entra admin center.',
      details: { code: 'AADSTS65004', requestId: 'r-1' }
    }
    const answer = deferred<DisconnectResult>()
    fake.answer({ disconnectMicrosoft365: () => answer.promise })
    store.getState().openStatusDialog('disconnect')
    const done = store.getState().disconnect(true)
    await store.getState().cancelDisconnectSignIn()
    expect(fake.calls).toContain('cancelMicrosoft365SignIn')
    answer.resolve(notRemoved)
    await done
    expect(store.getState().statusDialog).toBe('disconnect')
    expect(store.getState().disconnectOutcome).toEqual(notRemoved)
    expect(store.getState().statusMessage).toBeNull()
    store.getState().closeStatusDialog()
    expect(store.getState().disconnectOutcome).toBeNull()
  })

  it('says inside the dialog when the disconnect fails, and lets it be tried again', async () => {
    const { fake, store } = setUp()
    fake.answer({ disconnectMicrosoft365: failed('The console could not save its data.') })
    store.getState().openStatusDialog('disconnect')
    await expect(store.getState().disconnect(false)).resolves.toBeUndefined()
    expect(store.getState().statusDialog).toBe('disconnect')
    expect(store.getState().disconnectFailure).toEqual({ what: 'Microsoft 365 could not be disconnected.', why: 'The console could not save its data.' })
    expect(store.getState().actionFailure).toBeNull()
    expect(store.getState().disconnecting).toBeNull()
  })

  it('cancels the removal’s sign-in when the dialog closes while the browser waits', async () => {
    const { fake, store } = setUp()
    const answer = deferred<DisconnectResult>()
    fake.answer({ disconnectMicrosoft365: () => answer.promise })
    store.getState().openStatusDialog('disconnect')
    const done = store.getState().disconnect(true)
    store.getState().closeStatusDialog()
    expect(fake.calls).toContain('cancelMicrosoft365SignIn')
    answer.resolve({ permissions: 'notRemoved', title: 'Disconnected, but the permissions stayed.', fix: 'Remove them by hand.', details: null })
    await done
    // No dialog to speak in any more: the top bar says what is left to do.
    expect(store.getState().statusDialog).toBe('closed')
    expect(store.getState().actionFailure).toEqual({ what: 'Disconnected, but the permissions stayed.', why: 'Remove them by hand.' })
  })

  it('does not cancel a sign-in when the dialog closes on a plain disconnect', () => {
    const { fake, store } = setUp()
    fake.answer({ disconnectMicrosoft365: () => new Promise(() => {}) })
    store.getState().openStatusDialog('disconnect')
    void store.getState().disconnect(false)
    store.getState().closeStatusDialog()
    expect(fake.calls).not.toContain('cancelMicrosoft365SignIn')
  })

  it('shows a failed Cancel of the removal’s sign-in inside the dialog', async () => {
    const { fake, store } = setUp()
    fake.answer({ disconnectMicrosoft365: () => new Promise(() => {}), cancelMicrosoft365SignIn: failed('No sign-in is waiting.') })
    store.getState().openStatusDialog('disconnect')
    void store.getState().disconnect(true)
    await store.getState().cancelDisconnectSignIn()
    expect(store.getState().disconnectFailure).toEqual({ what: 'The sign-in could not be cancelled.', why: 'No sign-in is waiting.' })
    expect(store.getState().cancellingSignIn).toBe(false)
  })
})
