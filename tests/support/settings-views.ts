import type { SettingsView } from '../../src/shared/settings.ts'

/** What Settings shows on a first launch with nothing set (the built-in sandbox), with `changes` on top. */
export function settingsView(changes: Partial<SettingsView> = {}): SettingsView {
  return {
    clientId: { value: null, source: 'default' },
    cloud: { value: null, source: 'default' },
    effective: 'builtInSandbox',
    editable: true,
    lockedReason: null,
    updateChecks: { value: true, source: 'default' },
    heartbeatInterval: { seconds: 300, source: 'default' },
    ...changes
  }
}
