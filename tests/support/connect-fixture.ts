import { chromium, type Browser } from '@playwright/test'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { KEYCHAIN_SERVICE, keychainAccountFor } from '../../src/main/microsoft-365/microsoft-cloud-session.ts'
import { loadKeytarSecretStore } from '../../src/main/microsoft-365/token-cache/keytar-secret-store.ts'
import type { SecretStore } from '../../src/main/microsoft-365/token-cache/secret-store.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { chromiumLaunchOptions } from './chromium.ts'
import { connectHarness, type ConnectHarness } from './connect-harness.ts'
import { makeTempDir } from './temp-dir.ts'

/** What a describe block of connect tests shares: one sandbox and one Chromium, and per test a fresh data folder. */
export interface ConnectFixture {
  readonly sandbox: SandboxTenant
  /** Plays the system browser. */
  readonly browser: Browser
  /** This test's data folder. */
  readonly dir: ReturnType<typeof makeTempDir>
  /** The real keychain; the fixture deletes this test's entry after it. */
  readonly keychain: SecretStore
  /**
   * A console on this test's data folder, closed after the test. Only the latest one is closed
   * for the test: a test that opens another console beside it closes that one itself.
   */
  readonly open: (options?: { secrets?: SecretStore; signInTimeLimitMs?: number }) => ConnectHarness
}

/**
 * Starts the sandbox tenant and Chromium for the enclosing describe block; before each test puts
 * the sandbox's world back to the seed and makes a data folder named after `name`, and after it
 * closes the console, deletes the token cache's key from the keychain and removes the folder, so
 * that no test sees what another stored.
 */
export function useConnectFixture(name: string): ConnectFixture {
  let sandbox: SandboxTenant | undefined
  let browser: Browser | undefined
  let dir: ReturnType<typeof makeTempDir> | undefined
  let opened: ConnectHarness | undefined
  const keychain = loadKeytarSecretStore()
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is made in the fixture's hooks; use it inside a test.`)
    return value
  }

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
    browser = await chromium.launch(chromiumLaunchOptions())
  })
  afterAll(async () => {
    await browser?.close()
    await sandbox?.close()
  })
  beforeEach(() => {
    started(sandbox, 'sandbox').scenario.reset()
    dir = makeTempDir(name)
  })
  afterEach(async () => {
    await opened?.services.close()
    opened = undefined
    const folder = started(dir, 'data folder')
    await keychain.deletePassword(KEYCHAIN_SERVICE, keychainAccountFor(folder.path)).catch(() => false)
    folder.remove()
  })

  return {
    get sandbox() {
      return started(sandbox, 'sandbox')
    },
    get browser() {
      return started(browser, 'browser')
    },
    get dir() {
      return started(dir, 'data folder')
    },
    keychain,
    open: (options = {}) => {
      opened = connectHarness({
        ...options,
        sandbox: started(sandbox, 'sandbox'),
        browser: started(browser, 'browser'),
        dataDir: started(dir, 'data folder').path,
        secrets: options.secrets ?? keychain
      })
      return opened
    }
  }
}
