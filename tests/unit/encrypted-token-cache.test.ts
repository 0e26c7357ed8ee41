import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TokenCacheContext, type ISerializableTokenCache } from '@azure/msal-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../src/main/logger.ts'
import { cacheKeyFromText, cacheKeyToText, decryptCache, encryptCache, newCacheKey } from '../../src/main/microsoft-365/token-cache/cache-cipher.ts'
import { createEncryptedTokenCache, type EncryptedTokenCache } from '../../src/main/microsoft-365/token-cache/encrypted-token-cache.ts'
import type { SecretStore } from '../../src/main/microsoft-365/token-cache/secret-store.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const plainCache = JSON.stringify({
  Account: { 'uid.utid-login.microsoftonline.com-utid': { username: 'MeganB@contoso.onmicrosoft.com' } },
  RefreshToken: { rt: { secret: 'opaque-refresh-token-value' } },
  AccessToken: {},
  IdToken: {},
  AppMetadata: {}
})

const emptyCache = { Account: {}, IdToken: {}, AccessToken: {}, RefreshToken: {}, AppMetadata: {} }

describe('the token cache cipher', () => {
  it('round-trips the cache and uses a fresh IV every time, so equal caches never look equal on disk', () => {
    const key = newCacheKey()
    const first = encryptCache(plainCache, key)
    const second = encryptCache(plainCache, key)
    expect(first.equals(second)).toBe(false)
    expect(first.toString('latin1')).not.toContain('opaque-refresh-token-value')
    expect(first.toString('latin1')).not.toContain('secret')
    expect(decryptCache(first, key)).toBe(plainCache)
    expect(decryptCache(second, key)).toBe(plainCache)
  })

  it('refuses another key, any altered byte, and a file that is not its own', () => {
    const key = newCacheKey()
    const stored = encryptCache(plainCache, key)
    expect(() => decryptCache(stored, newCacheKey())).toThrow()
    for (const position of [0, 5, 17, 30, stored.length - 1]) {
      const altered = Buffer.from(stored)
      altered[position] = (altered[position] ?? 0) ^ 1
      expect(() => decryptCache(altered, key), `byte ${position}`).toThrow()
    }
    expect(() => decryptCache(stored.subarray(0, 20), key)).toThrow()
    expect(() => decryptCache(Buffer.from(plainCache), key)).toThrow()
  })

  it('takes from the keychain only a 32-byte key in base64', () => {
    const key = newCacheKey()
    expect(cacheKeyFromText(cacheKeyToText(key))?.equals(key)).toBe(true)
    expect(cacheKeyFromText(Buffer.alloc(16).toString('base64'))).toBeNull()
    expect(cacheKeyFromText('not a key')).toBeNull()
  })
})

class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>()
  getPassword(service: string, account: string): Promise<string | null> {
    return Promise.resolve(this.entries.get(`${service}/${account}`) ?? null)
  }
  setPassword(service: string, account: string, password: string): Promise<void> {
    this.entries.set(`${service}/${account}`, password)
    return Promise.resolve()
  }
  deletePassword(service: string, account: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(`${service}/${account}`))
  }
}

const failingSecretStore: SecretStore = {
  getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))
}

/** Stands in for MSAL's TokenCache: what the plugin loads into it, and what MSAL would serialize. */
class FakeMsalCache implements ISerializableTokenCache {
  loaded: string | null = null
  readonly contents: string
  constructor(contents = '') {
    this.contents = contents
  }
  deserialize(cache: string): void {
    this.loaded = cache
  }
  serialize(): string {
    return this.contents
  }
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const record = (message: string, fields?: object) => lines.push(JSON.stringify({ message, fields }))
  return { lines, info: record, warn: record, error: record }
}

async function write(cache: EncryptedTokenCache, contents: string): Promise<void> {
  const context = new TokenCacheContext(new FakeMsalCache(contents), true)
  await cache.plugin.beforeCacheAccess(context)
  await cache.plugin.afterCacheAccess(context)
}

async function read(cache: EncryptedTokenCache): Promise<string | null> {
  const msal = new FakeMsalCache()
  const context = new TokenCacheContext(msal, false)
  await cache.plugin.beforeCacheAccess(context)
  await cache.plugin.afterCacheAccess(context)
  return msal.loaded
}

describe('the encrypted token cache plugin', () => {
  let folder: ReturnType<typeof makeTempDir>
  let file: string
  let logger: ReturnType<typeof recordingLogger>
  const sessionOnlyReasons: string[] = []

  beforeEach(() => {
    folder = makeTempDir('token-cache-unit')
    file = join(folder.path, 'token-cache.bin')
    logger = recordingLogger()
    sessionOnlyReasons.length = 0
  })
  afterEach(() => folder.remove())

  function open(secrets: SecretStore): EncryptedTokenCache {
    return createEncryptedTokenCache({
      file,
      secrets,
      keychainService: 'unit-test',
      keychainAccount: 'token-cache-key',
      logger,
      onSessionOnly: (reason) => sessionOnlyReasons.push(reason)
    })
  }

  it('stores the cache encrypted, owner-only, under a key it puts in the keychain, and a later launch reads it back', async () => {
    const secrets = new MemorySecretStore()
    const cache = open(secrets)
    expect(cache.persistence()).toBe('notYetUsed')
    await write(cache, plainCache)
    expect(cache.persistence()).toBe('keychain')
    expect(secrets.entries.get('unit-test/token-cache-key')).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(readFileSync(file, 'latin1')).not.toContain('opaque-refresh-token-value')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(folder.path)).toEqual(['token-cache.bin'])

    expect(await read(open(secrets))).toBe(plainCache)
  })

  it('starts empty when the file was altered or its key is gone, and the next save replaces the file', async () => {
    const secrets = new MemorySecretStore()
    await write(open(secrets), plainCache)
    const bytes = readFileSync(file)
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
    writeFileSync(file, bytes)
    const reopened = open(secrets)
    expect(JSON.parse((await read(reopened)) ?? '{}')).toEqual(emptyCache)
    expect(logger.lines.some((line) => line.includes('could not be decrypted'))).toBe(true)
    await write(reopened, plainCache)
    expect(await read(open(secrets))).toBe(plainCache)

    secrets.entries.clear()
    expect(JSON.parse((await read(open(secrets))) ?? '{}')).toEqual(emptyCache)
  })

  it('keeps the cache in memory only, and says so once, when the keychain fails', async () => {
    const cache = open(failingSecretStore)
    await write(cache, plainCache)
    await write(cache, plainCache.replace('opaque', 'rotated'))
    expect(cache.persistence()).toBe('sessionOnly')
    expect(sessionOnlyReasons).toHaveLength(1)
    expect(sessionOnlyReasons[0]).toMatch(/keychain/)
    expect(readdirSync(folder.path)).toEqual([])
    expect(await read(cache)).toBe(plainCache.replace('opaque', 'rotated'))
  })

  it('erases the file, the key and the session’s copy', async () => {
    const secrets = new MemorySecretStore()
    const cache = open(secrets)
    await write(cache, plainCache)
    await cache.erase()
    expect(readdirSync(folder.path)).toEqual([])
    expect(secrets.entries.size).toBe(0)
    expect(await read(cache)).not.toContain('opaque-refresh-token-value')
    expect(cache.persistence()).toBe('notYetUsed')
  })
})
