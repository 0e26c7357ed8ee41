import type { SavedSettings } from '../state/console-state.ts'
import { cloudProfiles } from '../microsoft-365/cloud-profiles.ts'
import type { MicrosoftCloudSetting } from '../microsoft-cloud/microsoft-cloud-config.ts'

/**
 * What Settings ask for, as a cloud setting. Choosing the sandbox is an explicit demo, so it is
 * honoured even in an installed build; any other cloud needs a client ID, or the built-in one.
 */
export function cloudSettingFromSaved(saved: SavedSettings | undefined): MicrosoftCloudSetting | undefined {
  if (!saved) return undefined
  if (saved.cloud === 'sandbox') return { kind: 'builtInSandbox' }
  if (!saved.clientId) return undefined
  const { loginEndpoint, graphEndpoint, managementEndpoint, graphResource, managementResource } = cloudProfiles[saved.cloud]
  return {
    kind: 'tenant',
    clientId: saved.clientId.toLowerCase(),
    endpoints: { loginEndpoint, graphEndpoint, managementEndpoint, graphResource, managementResource }
  }
}
