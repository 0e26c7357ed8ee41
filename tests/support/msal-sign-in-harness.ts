import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Logger } from '../../src/main/logger.ts'
import type { CloudEndpoints } from '../../src/main/microsoft-365/cloud-profiles.ts'
import { createMicrosoftSignIn } from '../../src/main/microsoft-365/sign-in/create-microsoft-sign-in.ts'
import type { MicrosoftSignIn } from '../../src/main/microsoft-365/sign-in/microsoft-sign-in.ts'
import { createEncryptedTokenCache, type EncryptedTokenCache } from '../../src/main/microsoft-365/token-cache/encrypted-token-cache.ts'
import type { SecretStore } from '../../src/main/microsoft-365/token-cache/secret-store.ts'
import type { SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { signInWithBrowser, type SandboxSignInOptions, type SandboxSignInOutcome } from './sandbox-sign-in.ts'

export const megan = 'MeganB@contoso.onmicrosoft.com'
export const adele = 'AdeleV@contoso.onmicrosoft.com'
export const directoryRead = 'https://graph.microsoft.com/Directory.Read.All'
export const activityFeedRead = 'https://manage.office.com/ActivityFeed.Read'
export const tokenCacheFileName = 'microsoft-365-token-cache.bin'

export function sandboxEndpoints(sandbox: SandboxTenant): CloudEndpoints {
  return {
    loginEndpoint: sandbox.baseUrl,
    graphEndpoint: sandbox.baseUrl,
    managementEndpoint: sandbox.baseUrl,
    graphResource: 'https://graph.microsoft.com',
    managementResource: 'https://manage.office.com'
  }
}

/** A keychain entry name of its own per run, so a test never meets another run's key. */
export function uniqueKeychainService(): string {
  return `protection-console-test-${randomUUID()}`
}

export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const record = (message: string, fields?: object) => lines.push(JSON.stringify({ message, fields }))
  return { lines, info: record, warn: record, error: record }
}

/**
 * The system browser as a test plays it: it records every URL the console opens, and does with
 * each what the test says (nothing at all, by default, like an admin who walked away).
 */
export class SystemBrowser {
  readonly opened: string[] = []
  browsing: Promise<SandboxSignInOutcome | 'not-browsed'> = Promise.resolve('not-browsed')
  #answer: ((url: string) => Promise<SandboxSignInOutcome>) | null = null
  #waiters: Array<() => void> = []

  /** Plays the sandbox's pages in `page` for the next URL the console opens. */
  signIn(page: Page, options: SandboxSignInOptions): void {
    this.#answer = (url) => signInWithBrowser(page, url, options)
  }

  readonly open = (url: string): Promise<void> => {
    this.opened.push(url)
    if (this.#answer) this.browsing = this.#answer(url)
    for (const wake of this.#waiters.splice(0)) wake()
    return Promise.resolve()
  }

  /** Where the played sign-in ended, once the console has opened the browser and the pages are done. */
  async answered(): Promise<SandboxSignInOutcome | 'not-browsed'> {
    await this.nextUrl()
    return this.browsing
  }

  /** The authorize URL the console opened, once it has. */
  async nextUrl(): Promise<URL> {
    if (this.opened.length === 0) await new Promise<void>((resolve) => this.#waiters.push(resolve))
    return new URL(this.opened.at(-1) ?? '')
  }
}

export interface SignInUnderTest {
  signIn: MicrosoftSignIn
  tokenCache: EncryptedTokenCache
  sessionOnlyReasons: string[]
  logger: ReturnType<typeof recordingLogger>
}

export async function createSignInUnderTest(options: {
  sandbox: SandboxTenant
  dataDir: string
  secrets: SecretStore
  keychainService: string
  browser: SystemBrowser
}): Promise<SignInUnderTest> {
  const logger = recordingLogger()
  const sessionOnlyReasons: string[] = []
  const tokenCache = createEncryptedTokenCache({
    file: join(options.dataDir, tokenCacheFileName),
    secrets: options.secrets,
    keychainService: options.keychainService,
    keychainAccount: 'token-cache-key',
    logger,
    onSessionOnly: (reason) => sessionOnlyReasons.push(reason)
  })
  const signIn = await createMicrosoftSignIn({
    clientId: options.sandbox.clientId,
    endpoints: sandboxEndpoints(options.sandbox),
    tokenCache,
    openBrowser: options.browser.open,
    logger
  })
  return { signIn, tokenCache, sessionOnlyReasons, logger }
}

/** Whether nothing listens on the port any more: a connection is refused, not accepted. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })
}

/** The loopback port MSAL listens on, from the redirect URI in the authorize URL it opened. */
export function loopbackPortOf(authorizeUrl: URL): number {
  return Number(new URL(authorizeUrl.searchParams.get('redirect_uri') ?? '').port)
}

/** Every file under a folder, with its text, so a test can look for token material anywhere. */
export function filesUnder(folder: string): Array<{ path: string; text: string }> {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'latin1') }))
}

export const failingSecretStore: SecretStore = {
  getPassword: () => Promise.reject(new Error('The name org.freedesktop.secrets was not provided by any .service files')),
  setPassword: () => Promise.reject(new Error('The name org.freedesktop.secrets was not provided by any .service files')),
  deletePassword: () => Promise.reject(new Error('The name org.freedesktop.secrets was not provided by any .service files'))
}
