import { readFile, rm } from 'node:fs/promises'
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node'
import type { Logger } from '../../logger.ts'
import { writeFileAtomically } from './atomic-file.ts'
import { createCacheAccessLock } from './cache-access-lock.ts'
import { cacheKeyFromText, cacheKeyToText, decryptCache, encryptCache, newCacheKey } from './cache-cipher.ts'
import type { SecretStore } from './secret-store.ts'

/**
 * Where the token cache lives: `keychain` once the keychain has answered (the cache is on disk,
 * encrypted under its key), `sessionOnly` once it failed (the cache is in memory until the console
 * closes), `notYetUsed` before either, for instance when nobody has signed in yet.
 */
export type TokenCachePersistence = 'keychain' | 'sessionOnly' | 'notYetUsed'

export interface EncryptedTokenCache {
  /** Hand to MSAL's `cache.cachePlugin`. */
  plugin: ICachePlugin
  persistence(): TokenCachePersistence
  /**
   * Deletes the cache file and its key in the keychain, and forgets the session's copy. Rejects only
   * when the file could not be deleted; a key left behind protects nothing, so that is only logged.
   */
  erase(): Promise<void>
}

export interface EncryptedTokenCacheOptions {
  file: string
  secrets: SecretStore
  keychainService: string
  keychainAccount: string
  logger: Logger
  /** Called once, with a sentence for people, when the keychain fails and the cache stays in memory. */
  onSessionOnly: (reason: string) => void
}

/** What MSAL's serializer writes for no accounts; deserializing it also clears MSAL's memory. */
const emptyCache = JSON.stringify({ Account: {}, IdToken: {}, AccessToken: {}, RefreshToken: {}, AppMetadata: {} })
const keychainFailed = Symbol('keychain failed')
/** Far longer than any cache use; only a holder that never releases reaches it. */
const maxLockHoldMs = 30_000

/**
 * MSAL's cache, kept AES-256-GCM-encrypted in the data folder under a random key in the OS keychain
 * (Windows Credential Manager caps a secret at 2,560 bytes, and an MSAL cache is larger). Without a
 * keychain, the cache is never written at all: a sign-in then lasts this session only.
 */
export function createEncryptedTokenCache(options: EncryptedTokenCacheOptions): EncryptedTokenCache {
  const { file, secrets, keychainService, keychainAccount, logger, onSessionOnly } = options
  let persistence: TokenCachePersistence = 'notYetUsed'
  let key: Buffer | null = null
  /** The session's copy of the serialized cache: what MSAL reloads at every access. */
  let serialized = emptyCache
  let loaded: Promise<void> | undefined
  const lock = createCacheAccessLock(maxLockHoldMs, () => logger.warn('token cache: a cache access held the lock too long; releasing it'))
  const releases = new WeakMap<TokenCacheContext, () => void>()

  function fallBackToSession(reason: string, error: unknown): void {
    if (persistence === 'sessionOnly') return
    persistence = 'sessionOnly'
    key = null
    logger.warn('token cache: the keychain failed, so the sign-in is kept in memory for this session only', { reason, error })
    try {
      onSessionOnly(reason)
    } catch (callbackError) {
      logger.error('token cache: onSessionOnly threw', { error: callbackError })
    }
  }

  async function askKeychain<T>(call: () => Promise<T>, reason: string): Promise<T | typeof keychainFailed> {
    try {
      return await call()
    } catch (error) {
      fallBackToSession(reason, error)
      return keychainFailed
    }
  }

  async function load(): Promise<void> {
    let stored: Buffer
    try {
      stored = await readFile(file)
    } catch (error) {
      if (!isFileNotFound(error)) logger.error('token cache: the cache file could not be read; starting with an empty cache', { error })
      return
    }
    const keyText = await askKeychain(
      () => secrets.getPassword(keychainService, keychainAccount),
      'The system keychain could not be read, so the sign-in is kept for this session only.'
    )
    if (keyText === keychainFailed) return
    persistence = 'keychain'
    const storedKey = keyText === null ? null : cacheKeyFromText(keyText)
    if (!storedKey) {
      logger.warn('token cache: the keychain holds no usable key for the cache file; starting empty, and the next save replaces the file')
      return
    }
    key = storedKey
    try {
      const plaintext = decryptCache(stored, storedKey)
      JSON.parse(plaintext)
      serialized = plaintext
    } catch (error) {
      logger.warn('token cache: the cache file could not be decrypted (another key, or altered); starting empty, and the next save replaces it', {
        error
      })
    }
  }

  async function keyForWriting(): Promise<Buffer | null> {
    if (key) return key
    const keyText = await askKeychain(
      () => secrets.getPassword(keychainService, keychainAccount),
      'The system keychain could not be read, so the sign-in is kept for this session only.'
    )
    if (keyText === keychainFailed) return null
    const existing = keyText === null ? null : cacheKeyFromText(keyText)
    if (existing) {
      key = existing
      persistence = 'keychain'
      return existing
    }
    const created = newCacheKey()
    const stored = await askKeychain(
      () => secrets.setPassword(keychainService, keychainAccount, cacheKeyToText(created)),
      'The system keychain could not store the token cache’s key, so the sign-in is kept for this session only.'
    )
    if (stored === keychainFailed) return null
    key = created
    persistence = 'keychain'
    return created
  }

  async function save(plaintext: string): Promise<void> {
    if (persistence === 'sessionOnly') return
    const writingKey = await keyForWriting()
    if (!writingKey) return
    try {
      await writeFileAtomically(file, encryptCache(plaintext, writingKey))
    } catch (error) {
      // MSAL cannot act on a failed save, so the sign-in goes on from memory; the log says why.
      logger.error('token cache: the encrypted cache file could not be saved; the sign-in is kept in memory', { error })
    }
  }

  const plugin: ICachePlugin = {
    async beforeCacheAccess(context) {
      releases.set(context, await lock.acquire())
      await (loaded ??= load())
      context.tokenCache.deserialize(serialized)
    },
    async afterCacheAccess(context) {
      const release = releases.get(context)
      releases.delete(context)
      try {
        if (context.cacheHasChanged) {
          serialized = context.tokenCache.serialize()
          await save(serialized)
        }
      } finally {
        release?.()
      }
    }
  }

  async function erase(): Promise<void> {
    const release = await lock.acquire()
    try {
      serialized = emptyCache
      key = null
      // Nothing is left to load; and a file that could not be deleted must not come back.
      loaded = Promise.resolve()
      if (persistence !== 'sessionOnly') persistence = 'notYetUsed'
      let fileError: unknown = null
      await rm(file, { force: true }).catch((error: unknown) => {
        fileError = error
      })
      await secrets.deletePassword(keychainService, keychainAccount).catch((error: unknown) => {
        logger.warn('token cache: the key could not be deleted from the keychain', { error })
      })
      if (fileError) {
        logger.error('token cache: the cache file could not be deleted', { error: fileError })
        throw new Error('The token cache file could not be deleted.', { cause: fileError })
      }
    } finally {
      release()
    }
  }

  return { plugin, persistence: () => persistence, erase }
}

function isFileNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT'
}
