import { startSandboxTenant, type SandboxTenant } from '../sandbox-tenant/sandbox-tenant-server.ts'
import type { MicrosoftCloudEndpoints, MicrosoftCloudSetting } from './microsoft-cloud-config.ts'

/** The Microsoft 365 cloud the console talks to: the configured one, or its built-in sandbox tenant. */
export interface MicrosoftCloud {
  clientId: string
  endpoints: MicrosoftCloudEndpoints
  /** Present when the console runs against its built-in sandbox tenant. */
  sandbox: SandboxTenant | undefined
  close(): Promise<void>
}

export async function openMicrosoftCloud(setting: MicrosoftCloudSetting): Promise<MicrosoftCloud> {
  if (setting.kind === 'tenant') {
    return { clientId: setting.clientId, endpoints: setting.endpoints, sandbox: undefined, close: async () => {} }
  }
  const sandbox = await startSandboxTenant()
  return {
    clientId: sandbox.clientId,
    endpoints: { loginEndpoint: sandbox.baseUrl, graphEndpoint: sandbox.baseUrl, managementEndpoint: sandbox.baseUrl },
    sandbox,
    close: () => sandbox.close()
  }
}
