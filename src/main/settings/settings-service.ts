import type { SettingsInput, SettingsView } from '../../shared/settings.ts'
import { ConsoleUserError } from '../console-user-error.ts'
import { chooseMicrosoftCloud, readMicrosoftCloudSetting, type MicrosoftCloudSetting } from '../microsoft-cloud/microsoft-cloud-config.ts'
import type { StateRepository } from '../state/state-repository.ts'
import { cloudSettingFromSaved } from './cloud-setting.ts'

export interface SettingsServiceDeps {
  repository: StateRepository
  env: NodeJS.ProcessEnv
  builtInClientId: string | undefined
  mayUseBuiltInSandbox: boolean
  /** Why Settings cannot change now (a connection, or a connect under way), or null. */
  busyReason: () => string | null
  /** Opens the cloud the new settings choose. */
  applyCloud: (setting: MicrosoftCloudSetting) => Promise<void>
}

/** The app registration and cloud the admin chose, under the environment, which always wins. */
export class SettingsService {
  readonly #deps: SettingsServiceDeps

  constructor(deps: SettingsServiceDeps) {
    this.#deps = deps
  }

  /** The cloud in effect now, in DESIGN.md's order. */
  cloudSetting(): MicrosoftCloudSetting {
    const { env, builtInClientId, mayUseBuiltInSandbox, repository } = this.#deps
    return chooseMicrosoftCloud({ env, settings: cloudSettingFromSaved(repository.read().settings), builtInClientId, mayUseBuiltInSandbox })
  }

  view(): SettingsView {
    const { env, builtInClientId, repository } = this.#deps
    const effective = this.cloudSetting()
    const saved = repository.read().settings
    const busy = this.#deps.busyReason()
    if (readMicrosoftCloudSetting(env)) {
      const clientId = effective.kind === 'tenant' ? effective.clientId : null
      return {
        clientId: { value: clientId, source: 'environment' },
        cloud: { value: null, source: 'environment' },
        effective: effective.kind,
        editable: false,
        lockedReason: 'The environment sets the client ID and the endpoints (M365_CLIENT_ID and M365_*_ENDPOINT), so they cannot be changed here.'
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
      lockedReason: busy
    }
  }

  async save(input: SettingsInput): Promise<SettingsView> {
    if (readMicrosoftCloudSetting(this.#deps.env)) {
      throw new ConsoleUserError('settingsLocked', 'The environment sets the client ID (M365_CLIENT_ID), so Settings cannot change it.')
    }
    const busy = this.#deps.busyReason()
    if (busy) throw new ConsoleUserError('settingsLocked', busy)
    const clientId = input.clientId ? input.clientId.toLowerCase() : null
    if (input.cloud !== 'sandbox' && !clientId && !this.#deps.builtInClientId?.trim()) {
      throw new ConsoleUserError(
        'invalidArguments',
        'Enter the Application (client) ID of your app registration. Only the sandbox tenant works without one.'
      )
    }
    await this.#deps.repository.update((state) => ({ ...state, settings: { clientId, cloud: input.cloud } }))
    await this.#deps.applyCloud(this.cloudSetting())
    // The save itself is announced as every state change is (composition's announceSettings).
    return this.view()
  }
}
