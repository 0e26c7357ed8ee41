import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { createConsoleServices, type ConsoleServices } from '../../src/main/composition.ts'
import { createConsoleLogger } from '../../src/main/logger.ts'
import type { SecretStore } from '../../src/main/microsoft-365/token-cache/secret-store.ts'
import type { MicrosoftCloud } from '../../src/main/microsoft-cloud/microsoft-cloud.ts'
import { microsoftCloudDefaults } from '../../src/main/microsoft-cloud/microsoft-cloud-config.ts'
import type { SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import type { ConnectFlow } from '../../src/shared/microsoft-365.ts'
import { testConsoleEnvironment } from './console-host.ts'
import { signInWithBrowser, type SandboxSignInOptions, type SandboxSignInOutcome } from './sandbox-sign-in.ts'

/** The sandbox a test started, as the console's cloud; the test closes it, not the console. */
export function sandboxAsCloud(sandbox: SandboxTenant): MicrosoftCloud {
  return {
    kind: 'builtInSandbox',
    clientId: sandbox.clientId,
    endpoints: {
      ...microsoftCloudDefaults,
      loginEndpoint: sandbox.baseUrl,
      graphEndpoint: sandbox.baseUrl,
      managementEndpoint: sandbox.baseUrl
    },
    sandbox,
    close: () => Promise.resolve()
  }
}

export interface ConnectHarness {
  services: ConsoleServices
  /** Every line the console logged, as the redacting logger wrote it. */
  logs: string[]
  /** Every URL the console asked the system browser to open. */
  opened: string[]
  nextBrowserUrl(): Promise<string>
  /** Resolves with the first flow that matches, now or after a later event. */
  flowWhere(predicate: (flow: ConnectFlow) => boolean, timeoutMs?: number): Promise<ConnectFlow>
  /** Plays the system browser on the next URL the console opens. */
  browse(options: SandboxSignInOptions): Promise<SandboxSignInOutcome>
}

export function connectHarness(options: {
  sandbox: SandboxTenant
  browser: Browser
  dataDir: string
  secrets: SecretStore
  signInTimeLimitMs?: number
}): ConnectHarness {
  const opened: string[] = []
  const logs: string[] = []
  const waiting: Array<(url: string) => void> = []
  const services = createConsoleServices(
    testConsoleEnvironment(options.dataDir, {
      secrets: options.secrets,
      logger: createConsoleLogger((line) => logs.push(line)),
      mayUseBuiltInSandbox: true,
      openCloud: () => Promise.resolve(sandboxAsCloud(options.sandbox)),
      openBrowser: (url) => {
        opened.push(url)
        waiting.shift()?.(url)
        return Promise.resolve()
      },
      ...(options.signInTimeLimitMs ? { signInTimeLimitMs: options.signInTimeLimitMs } : {})
    })
  )
  let seen = 0
  const nextBrowserUrl = () =>
    new Promise<string>((resolve) => {
      if (opened.length > seen) return resolve(opened[seen++] as string)
      waiting.push((url) => {
        seen += 1
        resolve(url)
      })
    })
  const flowWhere = (predicate: (flow: ConnectFlow) => boolean, timeoutMs = 15_000) =>
    new Promise<ConnectFlow>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop()
        reject(new Error(`the connect flow never matched; it is ${JSON.stringify(current)}`))
      }, timeoutMs)
      let current: ConnectFlow = { step: 'idle' }
      const stop = services.events.subscribe((event, payload) => {
        if (event !== 'microsoft365ConnectFlowChanged') return
        current = payload.value as ConnectFlow
        if (predicate(current)) {
          clearTimeout(timer)
          stop()
          resolve(current)
        }
      })
      void Promise.resolve(services.handlers.getMicrosoft365ConnectFlow()).then(({ value }) => {
        current = value
        if (predicate(value)) {
          clearTimeout(timer)
          stop()
          resolve(value)
        }
      })
    })
  const browse = async (signIn: SandboxSignInOptions) => {
    const url = await nextBrowserUrl()
    const context = await options.browser.newContext()
    try {
      return await signInWithBrowser(await context.newPage(), url, signIn)
    } finally {
      await context.close()
    }
  }
  return { services, logs, opened, nextBrowserUrl, flowWhere, browse }
}

/** Every file under a folder whose bytes show token material: a JWT, or MSAL's cache field names. */
export function filesWithTokenMaterial(dir: string): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      found.push(...filesWithTokenMaterial(path))
      continue
    }
    const text = readFileSync(path).toString('latin1')
    if (/eyJ[A-Za-z0-9_-]{10,}|"secret"|RefreshToken|AccessToken|refresh_token|access_token/.test(text)) found.push(path)
  }
  return found
}
