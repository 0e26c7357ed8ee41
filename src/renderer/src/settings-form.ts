import { isGuid } from '../../shared/guid.ts'
import type { CloudProfileId, SettingSource, SettingsInput, SettingsView } from '../../shared/settings.ts'

/** The Settings page's words for each cloud, in the order the select lists them. */
export const cloudChoices: ReadonlyArray<{ id: CloudProfileId; label: string; description: string }> = [
  { id: 'global', label: 'Global (Microsoft 365)', description: 'Microsoft 365 for organisations worldwide.' },
  { id: 'usGovernment', label: 'US Government (GCC High)', description: 'Microsoft 365 GCC High, for US government agencies and their contractors.' },
  { id: 'china', label: 'China (operated by 21Vianet)', description: 'Microsoft 365 operated by 21Vianet in China.' },
  {
    id: 'sandbox',
    label: 'Sandbox tenant (demo)',
    description:
      'A simulation built into the console, with made-up tenants and no real data, for trying every step. It needs no client ID, and nothing you do there reaches Microsoft.'
  }
]

export function cloudLabel(id: CloudProfileId | null): string {
  return cloudChoices.find((choice) => choice.id === id)?.label ?? 'Global (Microsoft 365)'
}

/** Why a typed client ID cannot be saved, or null. Empty is allowed: main then falls back (DESIGN.md). */
export function clientIdError(typed: string): string | null {
  const value = typed.trim()
  if (value === '' || isGuid(value)) return null
  return 'Enter the Application (client) ID as a GUID, like 00000000-0000-0000-0000-000000000000. You find it on the app registration’s Overview page in the Microsoft Entra admin center.'
}

/** What the form sends: a trimmed GUID, or null for none. */
export function settingsInput(typedClientId: string, cloud: CloudProfileId): SettingsInput {
  const value = typedClientId.trim()
  return { clientId: value === '' ? null : value, cloud }
}

const sourceWords: Record<SettingSource, string> = {
  environment: 'set by the environment',
  settings: 'saved in Settings',
  builtIn: 'built into this release',
  default: 'the default'
}

/** One sentence on what sign-in will use now, and where that came from. */
export function effectiveSignIn(view: SettingsView): string {
  switch (view.effective) {
    case 'builtInSandbox':
      return 'The built-in sandbox tenant (demo): made-up tenants and no real data.'
    case 'unconfigured':
      return 'Nothing yet. Enter the app registration’s client ID to connect Microsoft 365, or choose the sandbox tenant to try the console.'
    case 'tenant': {
      const clientId = view.clientId.value ? `client ID ${view.clientId.value} (${sourceWords[view.clientId.source]})` : 'the built-in client ID'
      if (view.cloud.source === 'environment') return `The Microsoft cloud at the endpoints the environment sets, with ${clientId}.`
      return `Your organisation’s tenant in ${cloudLabel(view.cloud.value)} (${sourceWords[view.cloud.source]}), with ${clientId}.`
    }
  }
}
