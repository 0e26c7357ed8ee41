import { describe, expect, it, vi } from 'vitest'
import { clientIdError, effectiveSignIn, settingsInput } from '../../src/renderer/src/settings-form.ts'
import { newestFirst } from '../../src/renderer/src/store/activity-slice.ts'
import { createConsoleStore } from '../../src/renderer/src/store/console-store.ts'
import { ConsoleCallError, type Revised } from '../../src/shared/contract-names.ts'
import type { ConsoleApi, ConsoleSnapshot, EventPayload } from '../../src/shared/contract.ts'
import type { ActivityEntry } from '../../src/shared/microsoft-365.ts'
import type { SettingsView } from '../../src/shared/settings.ts'
import { snapshotOfSeparateAnswers } from '../support/faked-answers.ts'
import { settingsView } from '../support/settings-views.ts'

const tenant = { id: '00000000-0000-0000-0000-000000000001', name: 'Contoso', domain: 'contoso.onmicrosoft.com' }
const clientId = '11111111-2222-3333-4444-555555555555'
const unconfigured = settingsView({ effective: 'unconfigured' })
const saved: SettingsView = { ...unconfigured, clientId: { value: clientId, source: 'settings' }, cloud: { value: 'global', source: 'settings' }, effective: 'tenant' }

function entry(id: string, at: string): ActivityEntry {
  return { id, at, kind: 'connected', tenant, account: 'admin@contoso.onmicrosoft.com', summary: `Entry ${id}` }
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((settle) => (resolve = settle))
  return { promise, resolve }
}

function fakeApi() {
  const settingsListeners = new Set<(payload: EventPayload<'settingsChanged'>) => void>()
  const activityListeners = new Set<(payload: EventPayload<'activityChanged'>) => void>()
  const none = () => () => {}
  const saves: unknown[] = []
  let save: () => Promise<Revised<SettingsView>> = () => Promise.resolve({ revision: 0, value: saved })
  const api: ConsoleApi = {
    getConsoleSnapshot: () => snapshotOfSeparateAnswers(api),
    listCloudApplications: () => Promise.resolve({ revision: 0, value: [] }),
    listNotices: () => Promise.resolve({ revision: 0, value: [] }),
    dismissNotice: () => Promise.resolve({ revision: 0, value: [] }),
    getMicrosoft365ConnectFlow: () => Promise.resolve({ revision: 0, value: { step: 'idle' } }),
    startMicrosoft365Connect: () => Promise.reject(new Error('not used')),
    cancelMicrosoft365Connect: () => Promise.reject(new Error('not used')),
    recheckMicrosoft365AuditLog: () => Promise.reject(new Error('not used')),
    confirmMicrosoft365Connect: () => Promise.reject(new Error('not used')),
    disconnectMicrosoft365: () => Promise.reject(new Error('not used')),
    cancelMicrosoft365SignIn: () => Promise.reject(new Error('not used')),
    getMicrosoft365Permissions: () => Promise.resolve({ version: '1', permissions: [] }),
    listActivity: () => Promise.resolve({ revision: 0, value: [] }),
    getSettings: () => Promise.resolve({ revision: 0, value: unconfigured }),
    saveSettings: (input) => (saves.push(input), save()),
    setUpdateChecks: (on) => Promise.resolve({ revision: 0, value: { ...saved, updateChecks: { value: on, source: 'settings' } } }),
    setHeartbeatInterval: (seconds) => Promise.resolve({ revision: 0, value: { ...saved, heartbeatInterval: { seconds, source: 'settings' } } }),
    getMicrosoft365Status: () =>
      Promise.resolve({ revision: 0, value: { recentHeartbeats: [], nextHeartbeatAt: null, checking: false, permissions: [], grant: { step: 'idle' } } }),
    checkMicrosoft365Now: () => Promise.reject(new Error('not used')),
    grantMicrosoft365Permissions: () => Promise.reject(new Error('not used')),
    cancelMicrosoft365PermissionGrant: () => Promise.reject(new Error('not used')),
    onCloudApplicationsChanged: none,
    onNoticesChanged: none,
    onMicrosoft365ConnectFlowChanged: none,
    onActivityChanged: (listener) => (activityListeners.add(listener), () => activityListeners.delete(listener)),
    onSettingsChanged: (listener) => (settingsListeners.add(listener), () => settingsListeners.delete(listener)),
    onMicrosoft365StatusChanged: none,
    onMicrosoft365StatusRequested: none
  }
  return {
    api,
    saves,
    answerSave: (answer: () => Promise<Revised<SettingsView>>) => (save = answer),
    fireSettings: (payload: Revised<SettingsView>) => settingsListeners.forEach((listener) => listener(payload)),
    fireActivity: (payload: Revised<ActivityEntry[]>) => activityListeners.forEach((listener) => listener(payload))
  }
}

describe('Settings, in the store', () => {
  it('loads the settings, then follows newer events and ignores older ones', async () => {
    const fake = fakeApi()
    const store = createConsoleStore(() => fake.api)
    store.getState().start()
    await store.getState().load()
    expect(store.getState().settings).toEqual(unconfigured)
    fake.fireSettings({ revision: 4, value: saved })
    fake.fireSettings({ revision: 2, value: unconfigured })
    expect(store.getState().settings).toEqual(saved)
    expect(store.getState().settingsRevision).toBe(4)
  })

  it('keeps newer settings and activity from events over older ones in the first load’s snapshot', async () => {
    const fake = fakeApi()
    const answer: { give: (snapshot: ConsoleSnapshot) => void } = { give: () => {} }
    fake.api.getConsoleSnapshot = () => new Promise((resolve) => (answer.give = resolve))
    const store = createConsoleStore(() => fake.api)
    store.getState().start()
    fake.fireSettings({ revision: 6, value: saved })
    fake.fireActivity({ revision: 6, value: [entry('a', '2026-11-27T09:00:00.000Z')] })
    answer.give({ ...(await snapshotOfSeparateAnswers(fake.api)), settings: { revision: 5, value: unconfigured }, activity: { revision: 5, value: [] } })
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true))
    expect(store.getState().settings).toEqual(saved)
    expect(store.getState().settingsRevision).toBe(6)
    expect(store.getState().activity?.map(({ id }) => id)).toEqual(['a'])
  })

  it('shows that a save waits, applies main’s answer, and says Settings saved', async () => {
    const fake = fakeApi()
    const answer = deferred<Revised<SettingsView>>()
    fake.answerSave(() => answer.promise)
    const store = createConsoleStore(() => fake.api)
    const saving = store.getState().saveSettings({ clientId, cloud: 'global' })
    expect(store.getState().settingsSaving).toBe(true)
    expect(await store.getState().saveSettings({ clientId, cloud: 'global' })).toBe(false)
    expect(fake.saves).toHaveLength(1)
    answer.resolve({ revision: 7, value: saved })
    expect(await saving).toBe(true)
    expect(store.getState().settingsSaving).toBe(false)
    expect(store.getState().settingsSaved).toBe(true)
    expect(store.getState().settings).toEqual(saved)
    store.getState().navigate('controlPanel')
    expect(store.getState().settingsSaved).toBe(false)
  })

  it('keeps a failed save on the page, not in the top bar, and never rejects', async () => {
    const fake = fakeApi()
    fake.answerSave(() => Promise.reject(new ConsoleCallError({ code: 'settingsLocked', message: 'Disconnect Microsoft 365 before you change the cloud.' })))
    const store = createConsoleStore(() => fake.api)
    await expect(store.getState().saveSettings({ clientId: null, cloud: 'sandbox' })).resolves.toBe(false)
    expect(store.getState().settingsFailure).toEqual({ what: 'Settings could not be saved.', why: 'Disconnect Microsoft 365 before you change the cloud.' })
    expect(store.getState().actionFailure).toBeNull()
    expect(store.getState().settingsSaved).toBe(false)
  })
})

describe('the Settings form', () => {
  it('accepts a GUID or nothing, and explains anything else', () => {
    expect(clientIdError(clientId)).toBeNull()
    expect(clientIdError(`  ${clientId.toUpperCase()} `)).toBeNull()
    expect(clientIdError('')).toBeNull()
    expect(clientIdError('contoso')).toMatch(/GUID, like 00000000-0000-0000-0000-000000000000/)
    expect(clientIdError('11111111-2222-3333-4444-55555555555')).not.toBeNull()
  })

  it('sends a trimmed client ID, or null for none', () => {
    expect(settingsInput(` ${clientId} `, 'global')).toEqual({ clientId, cloud: 'global' })
    expect(settingsInput('   ', 'sandbox')).toEqual({ clientId: null, cloud: 'sandbox' })
  })

  it('says what sign-in will use now, and where that came from', () => {
    expect(effectiveSignIn(unconfigured)).toMatch(/^Nothing yet\./)
    expect(effectiveSignIn({ ...unconfigured, effective: 'builtInSandbox' })).toMatch(/sandbox tenant \(demo\): made-up tenants and no real data/)
    expect(effectiveSignIn(saved)).toBe(`Your organisation’s tenant in Global (Microsoft 365) (saved in Settings), with client ID ${clientId} (saved in Settings).`)
    expect(effectiveSignIn({ ...saved, clientId: { value: clientId, source: 'environment' }, cloud: { value: 'usGovernment', source: 'default' } })).toContain(
      'US Government (GCC High) (the default), with client ID'
    )
  })
})

describe('Activity, in the store', () => {
  it('shows the newest entry first, whatever order main sends', () => {
    const entries = [entry('a', '2026-11-27T09:00:00.000Z'), entry('b', '2026-11-27T11:00:00.000Z'), entry('c', '2026-11-27T10:00:00.000Z')]
    expect(newestFirst(entries).map(({ id }) => id)).toEqual(['b', 'c', 'a'])
  })

  it('follows newer events, ignores older ones, and says when the history cannot be loaded', async () => {
    const fake = fakeApi()
    fake.api.listActivity = () => Promise.reject(new Error('The history file is locked.'))
    const store = createConsoleStore(() => fake.api)
    store.getState().start()
    await store.getState().load()
    expect(store.getState().activity).toBeNull()
    expect(store.getState().activityLoadError).toBe('The history file is locked.')
    fake.fireActivity({ revision: 3, value: [entry('a', '2026-11-27T09:00:00.000Z'), entry('b', '2026-11-27T10:00:00.000Z')] })
    fake.fireActivity({ revision: 2, value: [] })
    expect(store.getState().activity?.map(({ id }) => id)).toEqual(['b', 'a'])
    expect(store.getState().activityLoadError).toBeNull()
  })
})
