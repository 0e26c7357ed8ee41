import type { ConsoleEnvironment } from '../../src/main/composition.ts'
import { silentLogger } from '../../src/main/logger.ts'
import type { SecretStore } from '../../src/main/microsoft-365/token-cache/secret-store.ts'
import { openConfStateFile } from '../../src/main/state/conf-state-file.ts'

/** A keychain in memory, for unit tests that are not about the keychain (those use keytar itself). */
export function memorySecretStore(): SecretStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  const key = (service: string, account: string) => `${service}\u0000${account}`
  return {
    entries,
    getPassword: (service, account) => Promise.resolve(entries.get(key(service, account)) ?? null),
    setPassword: (service, account, password) => {
      entries.set(key(service, account), password)
      return Promise.resolve()
    },
    deletePassword: (service, account) => Promise.resolve(entries.delete(key(service, account)))
  }
}

/** What a host hands the composition root, with no cloud configured unless a test says otherwise. */
export function testConsoleEnvironment(dataDir: string, overrides: Partial<ConsoleEnvironment> = {}): ConsoleEnvironment {
  return {
    dataDir,
    openStateFile: openConfStateFile,
    logger: silentLogger,
    env: {},
    mayUseBuiltInSandbox: false,
    secrets: memorySecretStore(),
    openBrowser: () => Promise.reject(new Error('this test opens no browser')),
    ...overrides
  }
}
