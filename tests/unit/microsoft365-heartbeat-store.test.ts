import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConsoleStore } from '../../src/renderer/src/store/console-store.ts'
import { whenLoaded } from '../../src/renderer/src/store/first-paint.ts'
import { grantInProgress, heartbeatUnderWay } from '../../src/renderer/src/store/microsoft365-heartbeat-slice.ts'
import type { CloudApplication } from '../../src/shared/cloud-applications.ts'
import { ConsoleCallError, type Revised } from '../../src/shared/contract-names.ts'
import type { ConsoleApi, ConsoleSnapshot, EventPayload } from '../../src/shared/contract.ts'
import type { Microsoft365Status, PermissionGrant } from '../../src/shared/heartbeat.ts'
import type { SettingsView } from '../../src/shared/settings.ts'
import { snapshotOfSeparateAnswers } from '../support/faked-answers.ts'
import { settingsView } from '../support/settings-views.ts'

const tenant = { id: '00000000-0000-0000-0000-000000000001', name: 'Contoso', domain: 'contoso.onmicrosoft.com' }
const connected: CloudApplication = {
  id: 'microsoft365',
  name: 'Microsoft 365',
  connection: {
    status: 'additionalSetupRequired',
    tenant,
    account: 'admin@contoso.onmicrosoft.com',
    connectedAt: '2026-11-27T09:00:00.000Z',
    manifestVersion: '2',
    grantedPermissions: ['Directory.Read.All'],
    lastHeartbeatAt: '2026-11-27T10:00:00.000Z'
  }
}
const settings = settingsView()

function status(grant: PermissionGrant = { step: 'idle' }, more: Partial<Microsoft365Status> = {}): Microsoft365Status {
  return {
    recentHeartbeats: [],
    nextHeartbeatAt: '2026-11-27T10:05:00.000Z',
    checking: false,
    permissions: [
      { name: 'Directory.Read.All', resource: 'Microsoft Graph', purpose: 'Reads the tenant.', state: 'granted' },
      { name: 'ActivityFeed.Read', resource: 'Office 365 Management APIs', purpose: 'Checks the audit log.', state: 'missing' }
    ],
    grant,
    ...more
  }
}
const waiting: PermissionGrant = { step: 'waitingForBrowser', startedAt: '2026-11-27T10:01:00.000Z', deadline: '2026-11-27T10:06:00.000Z', permissions: ['ActivityFeed.Read'] }
const granted: PermissionGrant = { step: 'granted', at: '2026-11-27T10:02:00.000Z', permissions: ['ActivityFeed.Read'] }

function deferred<T>() {
  let resolve: (value: T) => void = () => {}
  let reject: (error: unknown) => void = () => {}
  const promise = new Promise<T>((settle, fail) => ((resolve = settle), (reject = fail)))
  return { promise, resolve, reject }
}

const failed = (message: string) => () => Promise.reject(new ConsoleCallError({ code: 'failed', message }))
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

type Answer = () => Promise<unknown>

/** A window.api whose answers the test chooses by name, whose calls it counts, and whose events it fires. */
function fakeApi() {
  const calls: string[] = []
  const statusListeners = new Set<(payload: EventPayload<'microsoft365StatusChanged'>) => void>()
  const requestListeners = new Set<(payload: EventPayload<'microsoft365StatusRequested'>) => void>()
  let answers: Partial<Record<keyof ConsoleApi, Answer>> = {}
  const call =
    <T>(name: keyof ConsoleApi, fallback: () => Promise<T>) =>
    (...args: unknown[]): Promise<T> => {
      calls.push(args.length ? `${name}:${JSON.stringify(args)}` : name)
      const given = answers[name]
      return given ? (given() as Promise<T>) : fallback()
    }
  const revised = <T>(value: T) => () => Promise.resolve({ revision: 0, value })
  const none = () => () => {}
  const api: ConsoleApi = {
    getConsoleSnapshot: call('getConsoleSnapshot', () => snapshotOfSeparateAnswers(api)),
    listCloudApplications: call('listCloudApplications', revised([connected])),
    listNotices: call('listNotices', revised([])),
    dismissNotice: call('dismissNotice', revised([])),
    getMicrosoft365ConnectFlow: call('getMicrosoft365ConnectFlow', revised({ step: 'idle' as const })),
    startMicrosoft365Connect: call('startMicrosoft365Connect', revised({ step: 'idle' as const })),
    cancelMicrosoft365Connect: call('cancelMicrosoft365Connect', revised({ step: 'idle' as const })),
    recheckMicrosoft365AuditLog: call('recheckMicrosoft365AuditLog', revised({ step: 'idle' as const })),
    confirmMicrosoft365Connect: call('confirmMicrosoft365Connect', revised({ step: 'idle' as const })),
    disconnectMicrosoft365: call('disconnectMicrosoft365', () => Promise.resolve({ permissions: 'kept' as const })),
    cancelMicrosoft365SignIn: call('cancelMicrosoft365SignIn', () => Promise.resolve(null)),
    getMicrosoft365Permissions: call('getMicrosoft365Permissions', () => Promise.resolve({ version: '2', permissions: [] })),
    listActivity: call('listActivity', revised([])),
    getSettings: call('getSettings', revised(settings)),
    saveSettings: call('saveSettings', revised(settings)),
    setUpdateChecks: call('setUpdateChecks', revised(settings)),
    setHeartbeatInterval: call('setHeartbeatInterval', revised(settings)),
    getMicrosoft365Status: call('getMicrosoft365Status', revised(status())),
    checkMicrosoft365Now: call('checkMicrosoft365Now', revised(status())),
    grantMicrosoft365Permissions: call('grantMicrosoft365Permissions', revised(status(waiting))),
    cancelMicrosoft365PermissionGrant: call('cancelMicrosoft365PermissionGrant', revised(status())),
    onCloudApplicationsChanged: none,
    onNoticesChanged: none,
    onMicrosoft365ConnectFlowChanged: none,
    onActivityChanged: none,
    onSettingsChanged: none,
    onMicrosoft365StatusChanged: (listener) => (statusListeners.add(listener), () => statusListeners.delete(listener)),
    onMicrosoft365StatusRequested: (listener) => (requestListeners.add(listener), () => requestListeners.delete(listener))
  }
  return {
    api,
    calls,
    answer: (given: typeof answers) => (answers = { ...answers, ...given }),
    fireStatus: (revision: number, value: Microsoft365Status) => statusListeners.forEach((listener) => listener({ revision, value })),
    fireRequest: (revision: number) => requestListeners.forEach((listener) => listener({ revision, value: { at: '2026-11-27T10:03:00.000Z' } }))
  }
}

function setUp() {
  const fake = fakeApi()
  const store = createConsoleStore(() => fake.api)
  return { fake, store }
}

describe('the heartbeat status, in the store', () => {
  it('loads the status, keeps a newer event over a slower answer, and ignores an older event', async () => {
    const { fake, store } = setUp()
    const answer = deferred<Revised<Microsoft365Status>>()
    fake.answer({ getMicrosoft365Status: () => answer.promise })
    store.getState().start()
    fake.fireStatus(5, status(waiting))
    answer.resolve({ revision: 4, value: status() })
    await store.getState().load()
    expect(store.getState().microsoft365Status?.grant).toEqual(waiting)
    fake.fireStatus(3, status(granted))
    expect(store.getState().microsoft365Status?.grant).toEqual(waiting)
    fake.fireStatus(6, status(granted))
    expect(store.getState().microsoft365Status?.grant).toEqual(granted)
    expect(store.getState().microsoft365StatusRevision).toBe(6)
  })

  it('keeps a newer status from an event over an older status in the first load’s snapshot', async () => {
    const { fake, store } = setUp()
    const snapshot = deferred<ConsoleSnapshot>()
    fake.answer({ getConsoleSnapshot: () => snapshot.promise })
    store.getState().start()
    fake.fireStatus(5, status(waiting))
    snapshot.resolve({ ...(await snapshotOfSeparateAnswers(fake.api)), microsoft365Status: { revision: 4, value: status(granted) } })
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true))
    expect(store.getState().microsoft365Status?.grant).toEqual(waiting)
    expect(store.getState().microsoft365StatusRevision).toBe(5)
    expect(fake.calls.filter((name) => name === 'getConsoleSnapshot')).toHaveLength(1)
  })

  it('says when the status cannot be loaded, and clears that once a status arrives', async () => {
    const { fake, store } = setUp()
    fake.answer({ getMicrosoft365Status: failed('The state file is locked.') })
    await store.getState().load()
    expect(store.getState().microsoft365Status).toBeNull()
    expect(store.getState().microsoft365StatusLoadError).toBe('The state file is locked.')
    expect(store.getState().cloudApplications).toEqual([connected])
    fake.answer({ getMicrosoft365Status: () => Promise.resolve({ revision: 1, value: status() }) })
    await store.getState().loadMicrosoft365Status()
    expect(store.getState().microsoft365StatusLoadError).toBeNull()
  })

  it('stops following status events and notification clicks when stopped', () => {
    const { fake, store } = setUp()
    const stop = store.getState().start()
    stop()
    fake.fireStatus(9, status(granted))
    fake.fireRequest(10)
    expect(store.getState().microsoft365Status).toBeNull()
    expect(store.getState().statusDialog).toBe('closed')
  })
})

describe('Check now, in the store', () => {
  it('shows that it waits, then what the heartbeat found', async () => {
    const { fake, store } = setUp()
    const answer = deferred<Revised<Microsoft365Status>>()
    fake.answer({ checkMicrosoft365Now: () => answer.promise })
    store.getState().openStatusDialog('status')
    const checked = store.getState().checkNow()
    expect(store.getState().checkPending).toBe(true)
    expect(heartbeatUnderWay(store.getState())).toBe(true)
    void store.getState().checkNow()
    expect(fake.calls.filter((name) => name === 'checkMicrosoft365Now')).toHaveLength(1)
    answer.resolve({ revision: 2, value: status({ step: 'idle' }, { nextHeartbeatAt: '2026-11-27T10:10:00.000Z' }) })
    await checked
    expect(store.getState().checkPending).toBe(false)
    expect(store.getState().microsoft365Status?.nextHeartbeatAt).toBe('2026-11-27T10:10:00.000Z')
    expect(heartbeatUnderWay(store.getState())).toBe(false)
  })

  it('counts a heartbeat that the schedule started as under way too', () => {
    const { fake, store } = setUp()
    store.getState().start()
    fake.fireStatus(1, status({ step: 'idle' }, { checking: true }))
    expect(store.getState().checkPending).toBe(false)
    expect(heartbeatUnderWay(store.getState())).toBe(true)
  })

  it('says a failure in the dialog, or in the top bar once the dialog is closed', async () => {
    const { fake, store } = setUp()
    fake.answer({ checkMicrosoft365Now: failed('Microsoft 365 is not connected, so there is nothing to check.') })
    store.getState().openStatusDialog('status')
    await expect(store.getState().checkNow()).resolves.toBeUndefined()
    expect(store.getState().heartbeatFailure).toEqual({
      what: 'The connection could not be checked.',
      why: 'Microsoft 365 is not connected, so there is nothing to check.'
    })
    expect(store.getState().actionFailure).toBeNull()
    store.getState().closeStatusDialog()
    expect(store.getState().heartbeatFailure).toBeNull()
    await store.getState().checkNow()
    expect(store.getState().actionFailure?.what).toBe('The connection could not be checked.')
  })
})

describe('GRANT PERMISSIONS, in the store', () => {
  it('shows that it opens the browser, then waits for it', async () => {
    const { fake, store } = setUp()
    const answer = deferred<Revised<Microsoft365Status>>()
    fake.answer({ grantMicrosoft365Permissions: () => answer.promise })
    store.getState().openStatusDialog('status')
    const started = store.getState().grantPermissions()
    expect(store.getState().grantPending).toBe('start')
    expect(grantInProgress(store.getState())).toBe(true)
    answer.resolve({ revision: 1, value: status(waiting) })
    await started
    expect(store.getState().grantPending).toBeNull()
    expect(store.getState().microsoft365Status?.grant).toEqual(waiting)
    expect(grantInProgress(store.getState())).toBe(true)
  })

  it('cancels the wait for the browser when the dialog closes', async () => {
    const { store, fake } = setUp()
    store.getState().openStatusDialog('status')
    await store.getState().grantPermissions()
    store.getState().closeStatusDialog()
    expect(fake.calls).toContain('cancelMicrosoft365PermissionGrant')
    await settle()
    expect(store.getState().microsoft365Status?.grant).toEqual({ step: 'idle' })
    expect(grantInProgress(store.getState())).toBe(false)
  })

  it('cancels even while GRANT PERMISSIONS has not answered yet', () => {
    const { store, fake } = setUp()
    fake.answer({ grantMicrosoft365Permissions: () => new Promise(() => {}) })
    store.getState().openStatusDialog('status')
    void store.getState().grantPermissions()
    store.getState().closeStatusDialog()
    expect(fake.calls).toContain('cancelMicrosoft365PermissionGrant')
  })

  it('leaves a grant alone when the dialog closes on nothing to cancel: idle, granted or failed', () => {
    for (const grant of [{ step: 'idle' }, granted, { step: 'failed', title: 'Declined.', fix: 'Accept.', details: null }] as const) {
      const { store, fake } = setUp()
      store.getState().start()
      fake.fireStatus(1, status(grant))
      store.getState().openStatusDialog('status')
      store.getState().closeStatusDialog()
      expect(fake.calls).not.toContain('cancelMicrosoft365PermissionGrant')
    }
  })

  it('Cancel gives up the wait, and a failed Cancel is said in the dialog', async () => {
    const { store, fake } = setUp()
    store.getState().start()
    fake.fireStatus(1, status(waiting))
    store.getState().openStatusDialog('status')
    fake.answer({ cancelMicrosoft365PermissionGrant: failed('The console did not answer. Try again.') })
    await store.getState().cancelGrant()
    expect(store.getState().grantPending).toBeNull()
    expect(store.getState().heartbeatFailure).toEqual({ what: 'The permission request could not be cancelled.', why: 'The console did not answer. Try again.' })
    fake.answer({ cancelMicrosoft365PermissionGrant: () => Promise.resolve({ revision: 2, value: status() }) })
    await store.getState().cancelGrant()
    expect(store.getState().heartbeatFailure).toBeNull()
    expect(store.getState().microsoft365Status?.grant).toEqual({ step: 'idle' })
  })

  it('does not send a second cancel while the dialog closes during one', () => {
    const { store, fake } = setUp()
    store.getState().start()
    fake.fireStatus(1, status(waiting))
    fake.answer({ cancelMicrosoft365PermissionGrant: () => new Promise(() => {}) })
    store.getState().openStatusDialog('status')
    void store.getState().cancelGrant()
    store.getState().closeStatusDialog()
    expect(fake.calls.filter((name) => name === 'cancelMicrosoft365PermissionGrant')).toHaveLength(1)
  })
})

describe('a clicked notification and RECONNECT, in the store', () => {
  it('opens the status dialog on Cloud Applications when a notification is clicked', () => {
    const { store, fake } = setUp()
    store.getState().start()
    expect(store.getState().view).toBe('controlPanel')
    fake.fireRequest(3)
    expect(store.getState().view).toBe('cloudApplications')
    expect(store.getState().statusDialog).toBe('status')
  })

  it('closes the Connect cloud applications chooser for it, and turns a disconnect question into the status', () => {
    const { store, fake } = setUp()
    store.getState().start()
    store.getState().openConnectDialog('chooser')
    store.getState().openStatusDialog('disconnect')
    fake.fireRequest(3)
    expect(store.getState().connectDialog).toBe('closed')
    expect(store.getState().statusDialog).toBe('status')
  })

  it('does not interrupt a disconnect under way, or a connect the admin is in the middle of', () => {
    const { store, fake } = setUp()
    store.getState().start()
    fake.answer({ disconnectMicrosoft365: () => new Promise(() => {}) })
    store.getState().openStatusDialog('disconnect')
    void store.getState().disconnect(false)
    fake.fireRequest(3)
    expect(store.getState().statusDialog).toBe('disconnect')

    const other = setUp()
    other.store.getState().start()
    other.store.getState().openConnectDialog('microsoft365')
    other.fake.fireRequest(3)
    expect(other.store.getState().statusDialog).toBe('closed')
    expect(other.store.getState().connectDialog).toBe('microsoft365')
  })

  it('RECONNECT hands over from the status dialog to Connect to Microsoft 365', () => {
    const { store } = setUp()
    store.getState().openStatusDialog('status')
    store.getState().reconnect()
    expect(store.getState().statusDialog).toBe('closed')
    expect(store.getState().connectDialog).toBe('microsoft365')
  })
})

describe('the heartbeat interval, in the store', () => {
  it('saves a choice at once and shows main’s answer', async () => {
    const { store, fake } = setUp()
    fake.answer({ setHeartbeatInterval: () => Promise.resolve({ revision: 4, value: { ...settings, heartbeatInterval: { seconds: 900, source: 'settings' as const } } }) })
    await store.getState().setHeartbeatInterval(900)
    expect(fake.calls).toContain('setHeartbeatInterval:[900]')
    expect(store.getState().settings?.heartbeatInterval).toEqual({ seconds: 900, source: 'settings' })
    expect(store.getState().heartbeatIntervalFailure).toBeNull()
  })

  it('says a failed save beside the select, keeps what main holds, and forgets it on leaving the page', async () => {
    const { store, fake } = setUp()
    await store.getState().load()
    fake.answer({ setHeartbeatInterval: failed('The console could not save its data.') })
    await expect(store.getState().setHeartbeatInterval(60)).resolves.toBeUndefined()
    expect(store.getState().heartbeatIntervalFailure).toEqual({ what: 'The heartbeat interval could not be saved.', why: 'The console could not save its data.' })
    expect(store.getState().settingsFailure).toBeNull()
    expect(store.getState().settings?.heartbeatInterval.seconds).toBe(300)
    store.getState().navigate('controlPanel')
    expect(store.getState().heartbeatIntervalFailure).toBeNull()
  })

  const intervalSaved = (revision: number, seconds: number) => ({ revision, value: { ...settings, heartbeatInterval: { seconds, source: 'settings' as const } } })

  /** Two quick choices whose answers the test gives one by one, in the order it likes. */
  function twoQuickChoices() {
    const { store, fake } = setUp()
    const answers = [deferred<Revised<SettingsView>>(), deferred<Revised<SettingsView>>()]
    const pending = [...answers]
    fake.answer({ setHeartbeatInterval: () => pending.shift()?.promise ?? Promise.reject(new Error('a third call')) })
    const first = store.getState().setHeartbeatInterval(900)
    const second = store.getState().setHeartbeatInterval(1800)
    const reject = (index: number, message: string) => answers[index]?.reject(new ConsoleCallError({ code: 'failed', message }))
    return { store, fake, answers, first, second, reject }
  }

  it('shows the latest choice until its own answer arrives, however the first answer turns out', async () => {
    const { store, fake, answers, first, second } = twoQuickChoices()
    await store.getState().load()
    expect(fake.calls.filter((call) => call.startsWith('setHeartbeatInterval'))).toEqual(['setHeartbeatInterval:[900]', 'setHeartbeatInterval:[1800]'])
    expect(store.getState().heartbeatIntervalAsked).toBe(1800)
    answers[0]?.resolve(intervalSaved(4, 900))
    await first
    // The first answer is saved, but the select does not jump back to it while the second waits.
    expect(store.getState().settings?.heartbeatInterval.seconds).toBe(900)
    expect(store.getState().heartbeatIntervalAsked).toBe(1800)
    answers[1]?.resolve(intervalSaved(5, 1800))
    await second
    expect(store.getState().heartbeatIntervalAsked).toBeNull()
    expect(store.getState().settings?.heartbeatInterval.seconds).toBe(1800)
    expect(store.getState().heartbeatIntervalFailure).toBeNull()
  })

  it('says nothing of an overtaken choice’s failure when the latest one is saved', async () => {
    const { store, answers, first, second, reject } = twoQuickChoices()
    await store.getState().load()
    reject(0, 'The console could not save its data.')
    await first
    expect(store.getState().heartbeatIntervalAsked).toBe(1800)
    expect(store.getState().heartbeatIntervalFailure).toBeNull()
    answers[1]?.resolve(intervalSaved(5, 1800))
    await second
    expect(store.getState().heartbeatIntervalAsked).toBeNull()
    expect(store.getState().settings?.heartbeatInterval.seconds).toBe(1800)
    expect(store.getState().heartbeatIntervalFailure).toBeNull()
  })

  it('shows the saved value with the failure when the latest choice fails', async () => {
    const { store, answers, first, second, reject } = twoQuickChoices()
    await store.getState().load()
    answers[0]?.resolve(intervalSaved(4, 900))
    await first
    reject(1, 'The console could not save its data.')
    await second
    expect(store.getState().heartbeatIntervalAsked).toBeNull()
    expect(store.getState().settings?.heartbeatInterval.seconds).toBe(900)
    expect(store.getState().heartbeatIntervalFailure).toEqual({ what: 'The heartbeat interval could not be saved.', why: 'The console could not save its data.' })
  })
})

describe('the first paint', () => {
  afterEach(() => vi.useRealTimers())

  it('waits for the first load, so stored data shows without a spinner in front of it', async () => {
    const { store, fake } = setUp()
    const applications = deferred<Revised<CloudApplication[]>>()
    fake.answer({ listCloudApplications: () => applications.promise })
    let painted = false
    store.getState().start()
    const ready = whenLoaded(store).then(() => (painted = true))
    await settle()
    expect(painted).toBe(false)
    expect(store.getState().loaded).toBe(false)
    applications.resolve({ revision: 0, value: [connected] })
    await ready
    expect(store.getState().loaded).toBe(true)
    expect(store.getState().cloudApplications).toEqual([connected])
    expect(store.getState().microsoft365Status).not.toBeNull()
  })

  it('counts a failed load as loaded, so the page can say what failed', async () => {
    const { store, fake } = setUp()
    fake.answer({ listCloudApplications: failed('The state file is locked.') })
    store.getState().start()
    await whenLoaded(store)
    expect(store.getState().loaded).toBe(true)
    expect(store.getState().loadError).toBe('The state file is locked.')
  })

  it('paints anyway when main never answers', async () => {
    vi.useFakeTimers()
    const { store, fake } = setUp()
    fake.answer({ listCloudApplications: () => new Promise(() => {}) })
    store.getState().start()
    let painted = false
    const ready = whenLoaded(store, 1_500).then(() => (painted = true))
    await vi.advanceTimersByTimeAsync(1_499)
    expect(painted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await ready
    expect(painted).toBe(true)
    expect(store.getState().loaded).toBe(false)
  })
})
