import { heartbeatIntervalSchema } from '../../shared/heartbeat.ts'
import type { SettingsInput, SettingsView } from '../../shared/settings.ts'
import { ConsoleUserError } from '../console-user-error.ts'
import { chooseMicrosoftCloud, readMicrosoftCloudSetting, type MicrosoftCloudSetting } from '../microsoft-cloud/microsoft-cloud-config.ts'
import type { StateRepository } from '../state/state-repository.ts'
import { cloudSettingFromSaved } from './cloud-setting.ts'
import { heartbeatIntervalIn } from './heartbeat-interval.ts'

export interface SettingsServiceDeps {
  repository: StateRepository
  env: NodeJS.ProcessEnv
  builtInClientId: string | undefined
  mayUseBuiltInSandbox: boolean
  /** Why Settings cannot change now (a connection, or a connect under way), or null. */
  busyReason: () => string | null
  /** Opens the cloud the new settings choose; rejects with a message for people when it cannot. */
  applyCloud: (setting: MicrosoftCloudSetting) => Promise<void>
}

/** The app registration and cloud the admin chose, under the environment, which always wins. */
export class SettingsService {
  readonly #deps: SettingsServiceDeps
  #saving = false

  constructor(deps: SettingsServiceDeps) {
    this.#deps = deps
  }

  /** The cloud in effect now, in DESIGN.md's order. */
  cloudSetting(): MicrosoftCloudSetting {
    const { env, builtInClientId, mayUseBuiltInSandbox, repository } = this.#deps
    return chooseMicrosoftCloud({ env, settings: cloudSettingFromSaved(repository.read().settings), builtInClientId, mayUseBuiltInSandbox })
  }

  /** What the admin asked for; the shell also needs an installed build (updateChecksEnabled). */
  updateChecksWanted(): boolean {
    return this.#updateChecks().value
  }

  async setUpdateChecks(on: boolean): Promise<SettingsView> {
    if (this.#updateChecks().source === 'environment') {
      throw new ConsoleUserError('settingsLocked', 'The environment turns update checks off (CONSOLE_UPDATES=off), so Settings cannot change it.')
    }
    await this.#deps.repository.update((state) => ({ ...state, updateChecks: on }))
    return this.view()
  }

  /** How often the heartbeat runs now, in milliseconds. */
  heartbeatIntervalMs(): number {
    return this.#heartbeatInterval().seconds * 1000
  }

  async setHeartbeatInterval(seconds: number): Promise<SettingsView> {
    // IPC validates this already; the state file would refuse it anyway, but with no words for people.
    if (!heartbeatIntervalSchema.safeParse(seconds).success) {
      throw new ConsoleUserError('invalidArguments', 'Choose one of the heartbeat intervals that Settings offers.')
    }
    if (this.#heartbeatInterval().source === 'environment') {
      throw new ConsoleUserError('settingsLocked', 'The environment sets the heartbeat interval (CONSOLE_HEARTBEAT_SECONDS), so Settings cannot change it.')
    }
    await this.#deps.repository.update((state) => ({ ...state, heartbeatSeconds: seconds }))
    return this.view()
  }

  #heartbeatInterval(): SettingsView['heartbeatInterval'] {
    return heartbeatIntervalIn(this.#deps.env, this.#deps.repository.read().heartbeatSeconds)
  }

  #updateChecks(): SettingsView['updateChecks'] {
    if (this.#deps.env.CONSOLE_UPDATES?.trim().toLowerCase() === 'off') return { value: false, source: 'environment' }
    const saved = this.#deps.repository.read().updateChecks
    return saved === undefined ? { value: true, source: 'default' } : { value: saved, source: 'settings' }
  }

  view(): SettingsView {
    const { env, builtInClientId, repository } = this.#deps
    const effective = this.cloudSetting()
    const updateChecks = this.#updateChecks()
    const heartbeatInterval = this.#heartbeatInterval()
    const saved = repository.read().settings
    const busy = this.#deps.busyReason()
    if (readMicrosoftCloudSetting(env)) {
      const clientId = effective.kind === 'tenant' ? effective.clientId : null
      return {
        clientId: { value: clientId, source: 'environment' },
        cloud: { value: null, source: 'environment' },
        effective: effective.kind,
        editable: false,
        lockedReason: 'The environment sets the client ID and the endpoints (M365_CLIENT_ID and M365_*_ENDPOINT), so they cannot be changed here.',
        updateChecks,
        heartbeatInterval
      }
    }
    const builtIn = builtInClientId?.trim() ? builtInClientId.trim().toLowerCase() : null
    return {
      clientId: saved?.clientId
        ? { value: saved.clientId, source: 'settings' }
        : builtIn
          ? { value: builtIn, source: 'builtIn' }
          : { value: null, source: 'default' },
      cloud: saved ? { value: saved.cloud, source: 'settings' } : { value: effective.kind === 'builtInSandbox' ? 'sandbox' : 'global', source: 'default' },
      effective: effective.kind,
      editable: busy === null,
      lockedReason: busy,
      updateChecks,
      heartbeatInterval
    }
  }

  /** True while a save opens its cloud: a connect must not start against the cloud being replaced. */
  saving(): boolean {
    return this.#saving
  }

  async save(input: SettingsInput): Promise<SettingsView> {
    if (readMicrosoftCloudSetting(this.#deps.env)) {
      throw new ConsoleUserError('settingsLocked', 'The environment sets the client ID (M365_CLIENT_ID), so Settings cannot change it.')
    }
    const busy = this.#deps.busyReason() ?? (this.#saving ? 'Settings are being saved. Wait a moment, then try again.' : null)
    if (busy) throw new ConsoleUserError('settingsLocked', busy)
    const builtIn = this.#deps.builtInClientId?.trim().toLowerCase()
    const typed = input.clientId ? input.clientId.toLowerCase() : null
    // The built-in ID shown in the form is not the admin's choice: keeping it unsaved lets a later
    // release's built-in ID take over.
    const clientId = typed === builtIn ? null : typed
    if (input.cloud !== 'sandbox' && !clientId && !builtIn) {
      throw new ConsoleUserError(
        'invalidArguments',
        'Enter the Application (client) ID of your app registration. Only the sandbox tenant works without one.'
      )
    }
    this.#saving = true
    try {
      await this.#deps.repository.update((state) => ({ ...state, settings: { clientId, cloud: input.cloud } }))
      await this.#deps.applyCloud(this.cloudSetting())
    } finally {
      this.#saving = false
    }
    // The save itself is announced as every state change is (composition's announceSettings).
    return this.view()
  }
}
