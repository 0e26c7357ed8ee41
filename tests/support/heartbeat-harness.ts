import { createConsoleServices, type ConsoleEnvironment, type ConsoleServices } from '../../src/main/composition.ts'
import { createConsoleLogger } from '../../src/main/logger.ts'
import type { SecretStore } from '../../src/main/microsoft-365/token-cache/secret-store.ts'
import { microsoftCloudDefaults } from '../../src/main/microsoft-cloud/microsoft-cloud-config.ts'
import type { MicrosoftCloud } from '../../src/main/microsoft-cloud/microsoft-cloud.ts'
import type { SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import type { ConnectionState } from '../../src/shared/cloud-applications.ts'
import type { HeartbeatRecord, Microsoft365Status } from '../../src/shared/heartbeat.ts'
import { testConsoleEnvironment } from './console-host.ts'
import { signInOverLoopback } from './http-system-browser.ts'
import { waitUntil } from './wait-until.ts'

/** The sandbox as the console's cloud, with every Microsoft host at `baseUrl` (a counting proxy, or an address that refuses). */
export function sandboxCloudAt(sandbox: SandboxTenant, baseUrl: string): MicrosoftCloud {
  return {
    kind: 'builtInSandbox',
    clientId: sandbox.clientId,
    endpoints: { ...microsoftCloudDefaults, loginEndpoint: baseUrl, graphEndpoint: baseUrl, managementEndpoint: baseUrl },
    sandbox,
    close: () => Promise.resolve()
  }
}

export interface HeartbeatConsole {
  services: ConsoleServices
  logs: string[]
  /** CONNECT (or RECONNECT), the sign-in in the browser, Step 2 and CONFIRM; resolves with the heartbeat that follows it. */
  connect(account: string): Promise<HeartbeatRecord>
  connection(): Promise<ConnectionState>
  status(): Promise<Microsoft365Status>
  /** Check now: one heartbeat through the scheduler; resolves with the record it stored, and fails when it stored none. */
  checkNow(): Promise<HeartbeatRecord>
  /** The URLs the console opened in the system browser, in order. */
  readonly opened: readonly string[]
}

/** A console built by the composition root, with the real MSAL, Graph client and keychain, on the sandbox. */
export function heartbeatConsole(options: {
  sandbox: SandboxTenant
  dataDir: string
  secrets: SecretStore
  /** Where the console finds Microsoft. */
  baseUrl: string
  /** Anything else the host hands the console: notifications, a shorter time limit. */
  environment?: Partial<ConsoleEnvironment>
}): HeartbeatConsole {
  const logs: string[] = []
  const opened: string[] = []
  const services = createConsoleServices(
    testConsoleEnvironment(options.dataDir, {
      secrets: options.secrets,
      logger: createConsoleLogger((line) => logs.push(line)),
      mayUseBuiltInSandbox: true,
      openCloud: () => Promise.resolve(sandboxCloudAt(options.sandbox, options.baseUrl)),
      openBrowser: (url) => {
        opened.push(url)
        return Promise.resolve()
      },
      heartbeatGraphRetry: { delaySeconds: 0, maxRetries: 1 },
      ...options.environment
    })
  )
  const status = async () => (await services.handlers.getMicrosoft365Status()).value
  const connection = async () => (await services.handlers.listCloudApplications()).value[0]?.connection ?? { status: 'notConnected' as const }
  const newest = async () => {
    const [record] = (await status()).recentHeartbeats
    if (!record) throw new Error('no heartbeat was stored')
    return record
  }
  return {
    services,
    logs,
    opened,
    connection,
    status,
    async connect(account) {
      const newestBefore = (await status()).recentHeartbeats[0]?.id
      const before = opened.length
      await services.handlers.startMicrosoft365Connect()
      await waitUntil(() => {
        if (opened.length <= before) throw new Error('the browser was not opened yet')
      })
      await signInOverLoopback(opened[before] ?? '', account)
      await waitUntil(
        async () => {
          const { value } = await services.handlers.getMicrosoft365ConnectFlow()
          if (value.step !== 'auditLog') throw new Error(`the connect is at ${value.step}`)
        },
        { timeout: 15_000 }
      )
      await services.handlers.confirmMicrosoft365Connect()
      await waitUntil(
        async () => {
          const { recentHeartbeats, checking } = await status()
          if (recentHeartbeats[0]?.id === newestBefore || checking) throw new Error('the heartbeat after the connect has not finished')
        },
        { timeout: 15_000 }
      )
      return newest()
    },
    async checkNow() {
      const before = (await status()).recentHeartbeats[0]?.id
      await services.handlers.checkMicrosoft365Now()
      const record = await newest()
      // A heartbeat whose result was dropped, or one that another trigger started, is not this one.
      if (record.id === before) throw new Error('Check now stored no heartbeat')
      if (record.trigger !== 'checkNow') throw new Error(`the newest heartbeat ran for ${record.trigger}, not for Check now`)
      return record
    }
  }
}
