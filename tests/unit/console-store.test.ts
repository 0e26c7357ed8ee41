import { describe, expect, it, vi } from 'vitest'
import { createConsoleStore } from '../../src/renderer/src/store/console-store.ts'
import type { CloudApplication } from '../../src/shared/cloud-applications.ts'
import { ConsoleCallError, type Revised } from '../../src/shared/contract-names.ts'
import type { ConsoleApi, ConsoleSnapshot } from '../../src/shared/contract.ts'
import type { Microsoft365Status } from '../../src/shared/heartbeat.ts'
import type { Notice } from '../../src/shared/notices.ts'
import { snapshotOfSeparateAnswers } from '../support/faked-answers.ts'
import { settingsView } from '../support/settings-views.ts'

const tenant = { id: '00000000-0000-0000-0000-000000000001', name: 'Contoso', domain: 'contoso.onmicrosoft.com' }
const notConnected: CloudApplication = { id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' } }
const connected: CloudApplication = {
  ...notConnected,
  connection: {
    status: 'connected',
    tenant,
    account: 'admin@contoso.onmicrosoft.com',
    connectedAt: '2026-11-27T09:00:00.000Z',
    manifestVersion: '1',
    grantedPermissions: ['Directory.Read.All', 'ActivityFeed.Read'],
    lastHeartbeatAt: '2026-11-27T10:00:00.000Z'
  }
}
const notice: Notice = { kind: 'stateRecovered', id: 'n1', backupFile: '/data/console-state.unreadable.json', reason: 'bad json' }
const status: Microsoft365Status = { recentHeartbeats: [], nextHeartbeatAt: null, checking: false, permissions: [], grant: { step: 'idle' } }

function deferred<T>() {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((settle) => (resolve = settle))
  return { promise, resolve }
}

/** A window.api whose list answers the test hands out by hand, and whose events it fires. */
function fakeApi() {
  const listeners = { applications: new Set<(payload: Revised<CloudApplication[]>) => void>(), notices: new Set<(payload: Revised<Notice[]>) => void>() }
  const applications = deferred<Revised<CloudApplication[]>>()
  const notices = deferred<Revised<Notice[]>>()
  const idle = { revision: 0, value: { step: 'idle' as const } }
  const unused = () => () => {}
  const api: ConsoleApi = {
    getConsoleSnapshot: () => snapshotOfSeparateAnswers(api),
    listCloudApplications: () => applications.promise,
    listNotices: () => notices.promise,
    dismissNotice: vi.fn(() => Promise.resolve({ revision: 0, value: [] })),
    getMicrosoft365ConnectFlow: () => Promise.resolve(idle),
    startMicrosoft365Connect: () => Promise.resolve(idle),
    cancelMicrosoft365Connect: () => Promise.resolve(idle),
    recheckMicrosoft365AuditLog: () => Promise.resolve(idle),
    confirmMicrosoft365Connect: () => Promise.resolve(idle),
    disconnectMicrosoft365: () => Promise.resolve({ permissions: 'kept' }),
    cancelMicrosoft365SignIn: () => Promise.resolve(null),
    getMicrosoft365Permissions: () => Promise.resolve({ version: '1', permissions: [] }),
    listActivity: () => Promise.resolve({ revision: 0, value: [] }),
    getSettings: () => Promise.resolve({ revision: 0, value: settingsView() }),
    saveSettings: () => Promise.reject(new Error('not used here')),
    setUpdateChecks: () => Promise.reject(new Error('not used here')),
    setHeartbeatInterval: () => Promise.reject(new Error('not used here')),
    getMicrosoft365Status: () => Promise.resolve({ revision: 0, value: status }),
    checkMicrosoft365Now: () => Promise.reject(new Error('not used here')),
    grantMicrosoft365Permissions: () => Promise.reject(new Error('not used here')),
    cancelMicrosoft365PermissionGrant: () => Promise.reject(new Error('not used here')),
    onCloudApplicationsChanged: (listener) => (listeners.applications.add(listener), () => listeners.applications.delete(listener)),
    onNoticesChanged: (listener) => (listeners.notices.add(listener), () => listeners.notices.delete(listener)),
    onMicrosoft365ConnectFlowChanged: unused,
    onActivityChanged: unused,
    onSettingsChanged: unused,
    onMicrosoft365StatusChanged: unused,
    onMicrosoft365StatusRequested: unused
  }
  return {
    api,
    applications,
    notices,
    fireApplications: (payload: Revised<CloudApplication[]>) => listeners.applications.forEach((listener) => listener(payload)),
    fireNotices: (payload: Revised<Notice[]>) => listeners.notices.forEach((listener) => listener(payload))
  }
}

/** The same api, with every method call the store makes written down by name. */
function counting(api: ConsoleApi) {
  const calls: string[] = []
  const counted = Object.fromEntries(
    Object.entries(api).map(([name, member]) => {
      const method = member as (...args: unknown[]) => unknown
      return [name, name.startsWith('on') ? method : (...args: unknown[]) => (calls.push(name), method(...args))]
    })
  ) as unknown as ConsoleApi
  return { api: counted, calls }
}

const failed = (message: string) => () => Promise.reject(new ConsoleCallError({ code: 'failed', message }))

describe('the console store', () => {
  it('keeps a newer event when a slower first load answers afterwards', async () => {
    const fake = fakeApi()
    const store = createConsoleStore(() => fake.api)
    store.getState().start()
    fake.fireApplications({ revision: 2, value: [connected] })
    fake.fireNotices({ revision: 3, value: [notice] })
    fake.applications.resolve({ revision: 0, value: [notConnected] })
    fake.notices.resolve({ revision: 1, value: [] })
    await store.getState().load()
    expect(store.getState().cloudApplications).toEqual([connected])
    expect(store.getState().notices).toEqual([notice])
  })

  it('applies a load that is as new as or newer than what it shows', async () => {
    const fake = fakeApi()
    const store = createConsoleStore(() => fake.api)
    store.getState().start()
    fake.fireApplications({ revision: 2, value: [notConnected] })
    fake.applications.resolve({ revision: 4, value: [connected] })
    fake.notices.resolve({ revision: 4, value: [] })
    await store.getState().load()
    expect(store.getState().cloudApplications).toEqual([connected])
    fake.fireApplications({ revision: 3, value: [notConnected] })
    expect(store.getState().cloudApplications).toEqual([connected])
  })

  it('shows a failed dismiss as a failure, without rejecting, and keeps the notice', async () => {
    const fake = fakeApi()
    fake.api.dismissNotice = () => Promise.reject(new ConsoleCallError({ code: 'stateNotSaved', message: 'The console could not save its data.' }))
    const store = createConsoleStore(() => fake.api)
    store.getState().start()
    fake.fireNotices({ revision: 1, value: [notice] })
    await expect(store.getState().dismissNotice('n1')).resolves.toBeUndefined()
    expect(store.getState().actionFailure).toEqual({ what: 'The notice could not be dismissed.', why: 'The console could not save its data.' })
    expect(store.getState().notices).toEqual([notice])
    store.getState().clearActionFailure()
    expect(store.getState().actionFailure).toBeNull()
  })

  it('clears an earlier failure when the action then succeeds', async () => {
    const fake = fakeApi()
    let fail = true
    fake.api.dismissNotice = () => (fail ? Promise.reject(new Error('Busy.')) : Promise.resolve({ revision: 2, value: [] }))
    const store = createConsoleStore(() => fake.api)
    await store.getState().dismissNotice('n1')
    expect(store.getState().actionFailure?.why).toBe('Busy.')
    fail = false
    await store.getState().dismissNotice('n1')
    expect(store.getState().actionFailure).toBeNull()
    expect(store.getState().noticesRevision).toBe(2)
  })

  it('stops following every event it subscribed to when stopped', () => {
    const fake = fakeApi()
    const store = createConsoleStore(() => fake.api)
    const stop = store.getState().start()
    stop()
    fake.fireApplications({ revision: 5, value: [connected] })
    expect(store.getState().cloudApplications).toBeNull()
  })

  it('keeps the page’s list when the flow, activity or settings fail to load, and says which', async () => {
    const fake = fakeApi()
    // The snapshot fails with them; each part then asks on its own.
    fake.api.listActivity = () => Promise.reject(new Error('The history file is locked.'))
    fake.api.getSettings = () => Promise.reject(new Error('Settings are busy.'))
    const store = createConsoleStore(() => fake.api)
    fake.applications.resolve({ revision: 1, value: [notConnected] })
    fake.notices.resolve({ revision: 1, value: [] })
    await store.getState().load()
    expect(store.getState().cloudApplications).toEqual([notConnected])
    expect(store.getState().loadError).toBeNull()
    expect(store.getState().activityLoadError).toBe('The history file is locked.')
    expect(store.getState().settingsLoadError).toBe('Settings are busy.')
    expect(store.getState().connectFlow).toEqual({ step: 'idle' })
  })

  it('opens on Cloud Applications when a connection is stored, and on the Control Panel otherwise', async () => {
    for (const [application, view] of [
      [connected, 'cloudApplications'],
      [notConnected, 'controlPanel']
    ] as const) {
      const fake = fakeApi()
      const store = createConsoleStore(() => fake.api)
      store.getState().start()
      fake.applications.resolve({ revision: 1, value: [application] })
      fake.notices.resolve({ revision: 1, value: [] })
      await vi.waitFor(() => expect(store.getState().loaded).toBe(true))
      expect(store.getState().view).toBe(view)
    }
  })
})

describe('the first load', () => {
  it('is one call, main’s snapshot, and fills every part of the page from it', async () => {
    const fake = fakeApi()
    const counted = counting(fake.api)
    const store = createConsoleStore(() => counted.api)
    store.getState().start()
    fake.applications.resolve({ revision: 1, value: [connected] })
    fake.notices.resolve({ revision: 1, value: [notice] })
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true))
    expect(counted.calls).toEqual(['getConsoleSnapshot'])
    const state = store.getState()
    expect(state.cloudApplications).toEqual([connected])
    expect(state.notices).toEqual([notice])
    expect(state.connectFlow).toEqual({ step: 'idle' })
    expect(state.permissions).toEqual({ version: '1', permissions: [] })
    expect(state.activity).toEqual([])
    expect(state.settings?.effective).toBe('builtInSandbox')
    expect(state.microsoft365Status).toEqual(status)
    expect([state.loadError, state.connectFlowLoadError, state.permissionsLoadError, state.activityLoadError, state.settingsLoadError, state.microsoft365StatusLoadError]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null
    ])
  })

  it('asks each part on its own when the snapshot fails, and says each failure where the page says it', async () => {
    const fake = fakeApi()
    fake.api.getConsoleSnapshot = failed('The console could not complete the request.')
    fake.api.listCloudApplications = failed('The state file is locked.')
    fake.api.getMicrosoft365ConnectFlow = failed('The flow is busy.')
    fake.api.getMicrosoft365Permissions = failed('The manifest is busy.')
    fake.api.listActivity = failed('The history file is locked.')
    fake.api.getSettings = failed('Settings are busy.')
    fake.api.getMicrosoft365Status = failed('The status is busy.')
    fake.notices.resolve({ revision: 1, value: [notice] })
    const counted = counting(fake.api)
    const store = createConsoleStore(() => counted.api)
    await store.getState().load()
    expect(counted.calls[0]).toBe('getConsoleSnapshot')
    expect(counted.calls.slice(1).sort()).toEqual(
      ['listCloudApplications', 'listNotices', 'getMicrosoft365ConnectFlow', 'getMicrosoft365Permissions', 'listActivity', 'getSettings', 'getMicrosoft365Status'].sort()
    )
    const state = store.getState()
    expect(state.loadError).toBe('The state file is locked.')
    expect(state.connectFlowLoadError).toBe('The flow is busy.')
    expect(state.permissionsLoadError).toBe('The manifest is busy.')
    expect(state.activityLoadError).toBe('The history file is locked.')
    expect(state.settingsLoadError).toBe('Settings are busy.')
    expect(state.microsoft365StatusLoadError).toBe('The status is busy.')
    // A part that loads on its own still shows.
    expect(state.notices).toEqual([notice])
  })

  it('drops a part of the snapshot older than an event already applied, and takes one as new or newer', async () => {
    const fake = fakeApi()
    let answer: (snapshot: ConsoleSnapshot) => void = () => {}
    fake.api.getConsoleSnapshot = () => new Promise((resolve) => (answer = resolve))
    const store = createConsoleStore(() => fake.api)
    store.getState().start()
    fake.fireApplications({ revision: 5, value: [connected] })
    fake.fireNotices({ revision: 5, value: [] })
    fake.applications.resolve({ revision: 4, value: [notConnected] })
    fake.notices.resolve({ revision: 5, value: [notice] })
    answer(await snapshotOfSeparateAnswers(fake.api))
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true))
    expect(store.getState().cloudApplications).toEqual([connected])
    expect(store.getState().cloudApplicationsRevision).toBe(5)
    expect(store.getState().notices).toEqual([notice])
  })
})
