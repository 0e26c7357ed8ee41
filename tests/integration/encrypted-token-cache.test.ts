import { execFile } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cacheKeyFromText, cacheKeyToText, decryptCache, newCacheKey } from '../../src/main/microsoft-365/token-cache/cache-cipher.ts'
import { loadKeytarSecretStore } from '../../src/main/microsoft-365/token-cache/keytar-secret-store.ts'
import type { SignedIn, SignInRequest } from '../../src/main/microsoft-365/sign-in/microsoft-sign-in.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { chromiumLaunchOptions } from '../support/chromium.ts'
import {
  activityFeedRead,
  createSignInUnderTest,
  directoryRead,
  failingSecretStore,
  filesUnder,
  megan,
  SystemBrowser,
  tokenCacheFileName,
  uniqueKeychainService,
  type SignInUnderTest
} from '../support/msal-sign-in-harness.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const keytar = loadKeytarSecretStore()
const keychainAccount = 'token-cache-key'
const connectRequest: SignInRequest = { scopes: [directoryRead], extraScopesToConsent: [activityFeedRead], prompt: 'select_account', timeLimitMs: 15_000 }

interface PlainCache {
  Account: Record<string, unknown>
  AccessToken: Record<string, { secret: string }>
  RefreshToken: Record<string, { secret: string }>
  IdToken: Record<string, { secret: string }>
}

/** The token strings a plain MSAL cache holds: what must never be readable on disk. */
function tokenMaterial(cache: PlainCache): string[] {
  return [...Object.values(cache.AccessToken), ...Object.values(cache.RefreshToken), ...Object.values(cache.IdToken)].map((entry) => entry.secret)
}

describe('the token cache at rest, with the real keychain and MSAL, against the sandbox tenant', () => {
  let sandbox: SandboxTenant
  let chromiumBrowser: Browser
  let context: BrowserContext
  let page: Page
  let dataDir: ReturnType<typeof makeTempDir>
  let keychainService: string
  let cacheFile: string

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
    chromiumBrowser = await chromium.launch(chromiumLaunchOptions())
  })
  afterAll(async () => {
    await chromiumBrowser?.close()
    await sandbox?.close()
  })
  beforeEach(async () => {
    sandbox.scenario.reset()
    context = await chromiumBrowser.newContext()
    page = await context.newPage()
    dataDir = makeTempDir('encrypted-token-cache')
    cacheFile = join(dataDir.path, tokenCacheFileName)
    keychainService = uniqueKeychainService()
  })
  afterEach(async () => {
    await context.close()
    await keytar.deletePassword(keychainService, keychainAccount)
    dataDir.remove()
  })

  /** A console launch: a fresh MSAL and token cache on the same data folder and keychain entry. */
  async function launch(secrets = keytar): Promise<SignInUnderTest & { browser: SystemBrowser }> {
    const browser = new SystemBrowser()
    return { ...(await createSignInUnderTest({ sandbox, dataDir: dataDir.path, secrets, keychainService, browser })), browser }
  }

  async function signInMegan(underTest: SignInUnderTest, browser: SystemBrowser): Promise<SignedIn> {
    browser.signIn(page, { account: megan, consent: 'accept' })
    const outcome = await underTest.signIn.start(connectRequest).outcome
    expect(await browser.browsing).toBe('returned-to-app')
    if (!outcome.ok) throw new Error(`The sign-in failed: ${outcome.reason}`)
    return outcome.signedIn
  }

  async function launchAndSignIn(secrets = keytar): Promise<{ underTest: SignInUnderTest; signedIn: SignedIn }> {
    const underTest = await launch(secrets)
    return { underTest, signedIn: await signInMegan(underTest, underTest.browser) }
  }

  async function plainCacheOnDisk(): Promise<PlainCache> {
    const key = cacheKeyFromText((await keytar.getPassword(keychainService, keychainAccount)) ?? '')
    if (!key) throw new Error('The keychain holds no key for the cache.')
    return JSON.parse(decryptCache(readFileSync(cacheFile), key)) as PlainCache
  }

  it('keeps no token readable on disk: the file decrypts only with the key in the keychain', async () => {
    const { signedIn, underTest } = await launchAndSignIn()
    expect(underTest.tokenCache.persistence()).toBe('keychain')
    const onDisk = readFileSync(cacheFile, 'latin1')
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600)

    const plain = await plainCacheOnDisk()
    const material = tokenMaterial(plain)
    expect(material).toContain(signedIn.accessToken)
    expect(Object.keys(plain.RefreshToken)).toHaveLength(1)
    for (const token of material) expect(onDisk).not.toContain(token)
    for (const fieldName of ['secret', 'RefreshToken', 'AccessToken', 'IdToken', 'home_account_id', megan]) expect(onDisk).not.toContain(fieldName)
    // Nothing in it even looks like a token to a scan of the data folder: no JWT's opening.
    expect(onDisk).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/)
  })

  it('signs the admin back in at the next launch from the encrypted file, without asking Microsoft', async () => {
    const { signedIn } = await launchAndSignIn()
    const requests = sandbox.tokenRequests()
    const nextLaunch = await launch()
    const silent = await nextLaunch.signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead])
    expect(silent).toEqual({ ok: true, accessToken: signedIn.accessToken, scopes: expect.arrayContaining([directoryRead]) as unknown })
    expect(sandbox.tokenRequests()).toBe(requests)
    expect(nextLaunch.tokenCache.persistence()).toBe('keychain')
  })

  it('starts empty, without failing, when the keychain holds another key, and the next sign-in replaces the file', async () => {
    const { signedIn } = await launchAndSignIn()
    await keytar.setPassword(keychainService, keychainAccount, cacheKeyToText(newCacheKey()))
    const nextLaunch = await launch()
    expect(await nextLaunch.signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead])).toMatchObject({ ok: false, reason: 'noAccount' })
    expect(nextLaunch.logger.lines.some((line) => line.includes('could not be decrypted'))).toBe(true)

    const again = await signInMegan(nextLaunch, nextLaunch.browser)
    expect(tokenMaterial(await plainCacheOnDisk())).toContain(again.accessToken)
  })

  it('keeps the sign-in for this session only when the keychain is unavailable, and writes nothing to the data folder', async () => {
    const { underTest, signedIn } = await launchAndSignIn(failingSecretStore)
    expect(underTest.sessionOnlyReasons).toHaveLength(1)
    expect(underTest.sessionOnlyReasons[0]).toMatch(/keychain/i)
    expect(underTest.tokenCache.persistence()).toBe('sessionOnly')
    expect(filesUnder(dataDir.path)).toEqual([])
    expect(underTest.logger.lines.some((line) => line.includes(signedIn.accessToken))).toBe(false)

    const requests = sandbox.tokenRequests()
    expect(await underTest.signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead])).toMatchObject({ ok: true, accessToken: signedIn.accessToken })
    expect(sandbox.tokenRequests()).toBe(requests)
    // A refresh rotates the tokens in memory; still nothing is written, and nobody is told twice.
    expect(await underTest.signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead], { forceRefresh: true })).toMatchObject({ ok: true })
    expect(filesUnder(dataDir.path)).toEqual([])
    expect(underTest.sessionOnlyReasons).toHaveLength(1)

    // The next launch remembers nothing.
    const nextLaunch = await launch(failingSecretStore)
    expect(await nextLaunch.signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead])).toMatchObject({ ok: false, reason: 'noAccount' })
  })

  it('forgets everything: the file and its key are gone, and no token material is left in the data folder', async () => {
    const { underTest, signedIn } = await launchAndSignIn()
    const material = tokenMaterial(await plainCacheOnDisk())
    await underTest.signIn.forgetEverything()
    expect(existsSync(cacheFile)).toBe(false)
    expect(await keytar.getPassword(keychainService, keychainAccount)).toBeNull()
    for (const file of filesUnder(dataDir.path)) {
      for (const token of material) expect(file.text).not.toContain(token)
      expect(file.text).not.toContain('"secret"')
    }
    expect(await underTest.signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead])).toMatchObject({ ok: false, reason: 'noAccount' })
    expect(await (await launch()).signIn.acquireSilent(signedIn.account.homeAccountId, [directoryRead])).toMatchObject({ ok: false, reason: 'noAccount' })
  })
})

describe('the keytar secret store on a machine without a Secret Service', () => {
  // Only Linux reaches its keychain through D-Bus, so only there does an empty environment take the keychain away.
  it.runIf(process.platform === 'linux')('loads at start-up and answers with a rejected promise, so the cache can fall back to the session', async () => {
    const store = new URL('../../src/main/microsoft-365/token-cache/keytar-secret-store.ts', import.meta.url).href
    const script = `
      const { loadKeytarSecretStore } = await import(${JSON.stringify(store)})
      const secrets = loadKeytarSecretStore()
      const answer = await secrets.getPassword('protection-console-test', 'none').then(() => 'resolved', () => 'rejected')
      process.stdout.write(answer)
    `
    const { DBUS_SESSION_BUS_ADDRESS: _bus, DISPLAY: _display, ...environment } = process.env
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], { env: environment, timeout: 15_000 })
    expect(stdout).toBe('rejected')
  })
})
