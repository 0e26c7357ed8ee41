import type { Revised } from '../../../shared/contract-names.ts'
import type { SettingsInput, SettingsView } from '../../../shared/settings.ts'
import { describe, type ActionFailure, type Slice, type SliceKit } from './store-kit.ts'

export interface SettingsSlice {
  /** What Settings holds and what sign-in will use; null until loaded. */
  settings: SettingsView | null
  settingsRevision: number
  settingsLoadError: string | null
  settingsSaving: boolean
  /** True after a save succeeded, until the next save or a change of page. */
  settingsSaved: boolean
  /** A failed save, shown on the Settings page. */
  settingsFailure: ActionFailure | null
  /** Never rejects; resolves true when main saved the settings. */
  saveSettings: (input: SettingsInput) => Promise<boolean>
  /** Never rejects: a failure lands in `settingsFailure`. */
  setUpdateChecks: (on: boolean) => Promise<void>
  /** A failed change of the heartbeat interval, shown beside its select. */
  heartbeatIntervalFailure: ActionFailure | null
  /**
   * The interval last chosen, until main answers that very choice: the select shows it meanwhile.
   * An earlier choice's answer leaves it alone, so the select never jumps back while a later one waits.
   */
  heartbeatIntervalAsked: number | null
  /** Seconds, one of `heartbeatIntervalChoices`. Never rejects: a failure lands in `heartbeatIntervalFailure`. */
  setHeartbeatInterval: (seconds: number) => Promise<void>
}

export function createSettingsSlice({ set, get, api }: SliceKit): Slice<SettingsSlice> {
  /** Counts the interval choices, so an answer knows whether a later choice has overtaken it. */
  let intervalChoice = 0

  const acceptSettings = ({ revision, value }: Revised<SettingsView>) => {
    if (revision < get().settingsRevision) return
    set({ settings: value, settingsRevision: revision, settingsLoadError: null })
  }

  const state: SettingsSlice = {
    settings: null,
    settingsRevision: -1,
    settingsLoadError: null,
    settingsSaving: false,
    settingsSaved: false,
    settingsFailure: null,
    saveSettings: async (input) => {
      if (get().settingsSaving) return false
      set({ settingsSaving: true, settingsSaved: false, settingsFailure: null })
      try {
        acceptSettings(await api().saveSettings(input))
        set({ settingsSaved: true })
        return true
      } catch (error) {
        set({ settingsFailure: { what: 'Settings could not be saved.', why: describe(error) } })
        return false
      } finally {
        set({ settingsSaving: false })
      }
    },
    setUpdateChecks: async (on) => {
      set({ settingsFailure: null })
      try {
        acceptSettings(await api().setUpdateChecks(on))
      } catch (error) {
        set({ settingsFailure: { what: 'The update setting could not be saved.', why: describe(error) } })
      }
    },
    heartbeatIntervalFailure: null,
    heartbeatIntervalAsked: null,
    setHeartbeatInterval: async (seconds) => {
      const choice = ++intervalChoice
      set({ heartbeatIntervalAsked: seconds, heartbeatIntervalFailure: null })
      try {
        acceptSettings(await api().setHeartbeatInterval(seconds))
        if (choice === intervalChoice) set({ heartbeatIntervalAsked: null })
      } catch (error) {
        // A choice that a later one has overtaken has nothing left to say: the later one's answer decides.
        if (choice !== intervalChoice) return
        set({ heartbeatIntervalAsked: null, heartbeatIntervalFailure: { what: 'The heartbeat interval could not be saved.', why: describe(error) } })
      }
    }
  }

  return {
    state,
    load: async () => {
      try {
        acceptSettings(await api().getSettings())
      } catch (error) {
        set({ settingsLoadError: describe(error) })
      }
    },
    receive: (snapshot) => acceptSettings(snapshot.settings),
    subscribe: () => api().onSettingsChanged(acceptSettings)
  }
}
