import type { SandboxTenant } from '../../sandbox-tenant/sandbox-tenant-server.ts'
import { microsoftCloudDefaults, type MicrosoftCloudEndpoints, type MicrosoftCloudSetting } from './microsoft-cloud-config.ts'

/** The Microsoft 365 cloud the console talks to: the configured one, or its built-in sandbox tenant. */
export type MicrosoftCloud =
  | {
      kind: 'tenant' | 'builtInSandbox'
      clientId: string
      endpoints: MicrosoftCloudEndpoints
      /** Present when the console runs against its built-in sandbox tenant. */
      sandbox: SandboxTenant | undefined
      close(): Promise<void>
    }
  /** An installed build with no client ID yet: Settings must name one before anything signs in. */
  | { kind: 'unconfigured'; sandbox: undefined; close(): Promise<void> }

export async function openMicrosoftCloud(setting: MicrosoftCloudSetting): Promise<MicrosoftCloud> {
  if (setting.kind === 'unconfigured') return { kind: 'unconfigured', sandbox: undefined, close: async () => {} }
  if (setting.kind === 'tenant') {
    return { kind: 'tenant', clientId: setting.clientId, endpoints: setting.endpoints, sandbox: undefined, close: async () => {} }
  }
  // The one place the product loads the sandbox, and only when it is the chosen cloud, so its pages
  // live in a chunk of their own and an installed build never runs it by accident.
  const { startSandboxTenant } = await import('../../sandbox-tenant/sandbox-tenant-server.ts')
  const sandbox = await startSandboxTenant()
  return {
    kind: 'builtInSandbox',
    clientId: sandbox.clientId,
    endpoints: {
      loginEndpoint: sandbox.baseUrl,
      graphEndpoint: sandbox.baseUrl,
      managementEndpoint: sandbox.baseUrl,
      graphResource: microsoftCloudDefaults.graphResource,
      managementResource: microsoftCloudDefaults.managementResource
    },
    sandbox,
    close: () => sandbox.close()
  }
}
