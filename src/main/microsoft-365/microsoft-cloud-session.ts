import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { Logger } from '../logger.ts'
import type { MicrosoftCloudSetting } from '../microsoft-cloud/microsoft-cloud-config.ts'
import { openMicrosoftCloud, type MicrosoftCloud } from '../microsoft-cloud/microsoft-cloud.ts'
import type { CloudEndpoints } from './cloud-profiles.ts'
import { createMicrosoftSignIn } from './sign-in/create-microsoft-sign-in.ts'
import type { MicrosoftSignIn } from './sign-in/microsoft-sign-in.ts'
import { createEncryptedTokenCache, type EncryptedTokenCache } from './token-cache/encrypted-token-cache.ts'
import type { SecretStore } from './token-cache/secret-store.ts'

/** A cloud the console can sign in to, with the sign-in built for it. */
export interface ReadyCloud {
  kind: 'tenant' | 'builtInSandbox'
  clientId: string
  endpoints: CloudEndpoints
  signIn: MicrosoftSignIn
  /** The built-in sandbox's base URL, when that is the cloud. */
  sandboxBaseUrl: string | undefined
}

export type CurrentCloud = ReadyCloud | { kind: 'unconfigured' }

interface Opened {
  cloud: MicrosoftCloud
  ready: CurrentCloud
}

/** One opening of a cloud: `failed` turns true once it has rejected, and then the next `current()` opens it again. */
interface Opening {
  setting: MicrosoftCloudSetting
  opened: Promise<Opened>
  failed: boolean
}

export interface MicrosoftCloudSessionOptions {
  dataDir: string
  secrets: SecretStore
  openBrowser: (url: string) => Promise<void>
  logger: Logger
  /** Called once when the keychain cannot keep the token cache's key: the sign-in lasts this session only. */
  onSessionOnly: (reason: string) => void
  openCloud?: (setting: MicrosoftCloudSetting) => Promise<MicrosoftCloud>
}

export const TOKEN_CACHE_FILE = 'microsoft-365-token-cache.bin'
export const KEYCHAIN_SERVICE = 'Protection Console'

/**
 * The keychain entry is named after the data folder, so two consoles with their own folders (a
 * preview beside the app, say) never overwrite each other's key.
 */
export function keychainAccountFor(dataDir: string): string {
  return `token-cache-key:${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`
}

/**
 * Holds the Microsoft cloud in use and the sign-in built for it. Settings can switch the cloud, so
 * whoever needs it asks for the current one each time instead of keeping it.
 */
export class MicrosoftCloudSession {
  readonly #options: MicrosoftCloudSessionOptions
  #current: Opening | undefined
  #closed = false

  constructor(options: MicrosoftCloudSessionOptions) {
    this.#options = options
  }

  /** Opens the cloud for this setting, closing the previous one (and its sandbox) first. */
  async open(setting: MicrosoftCloudSetting): Promise<CurrentCloud> {
    return (await this.#open(setting).opened).ready
  }

  /**
   * The cloud in use. One whose opening failed (a loopback sign-in service that did not answer its
   * discovery document, as with no network at launch) is opened again with the same setting, so the
   * console recovers once the service answers.
   */
  async current(): Promise<CurrentCloud> {
    const current = this.#current
    if (!current) return { kind: 'unconfigured' }
    // The new opening replaces the failed one at once, so callers that ask meanwhile share it.
    const opening = current.failed && !this.#closed ? this.#open(current.setting) : current
    return (await opening.opened).ready
  }

  /**
   * Deletes the token cache and its key whatever the cloud is now: the file and the keychain entry
   * belong to the data folder, so even an unconfigured console (a client ID removed since) can remove them.
   */
  async eraseTokenCache(): Promise<void> {
    const current = await this.current().catch((): CurrentCloud => ({ kind: 'unconfigured' }))
    if (current.kind !== 'unconfigured') return current.signIn.forgetEverything()
    await this.#tokenCache().erase()
  }

  async close(): Promise<void> {
    this.#closed = true
    await this.#current?.opened.then(({ cloud }) => cloud.close()).catch(() => undefined)
  }

  #open(setting: MicrosoftCloudSetting): Opening {
    const previous = this.#current
    const opening: Opening = {
      setting,
      failed: false,
      opened: (async () => {
        await previous?.opened.then(({ cloud }) => cloud.close()).catch(() => undefined)
        const cloud = await (this.#options.openCloud ?? openMicrosoftCloud)(setting)
        try {
          return { cloud, ready: await this.#prepare(cloud) }
        } catch (error) {
          // Nothing else will ever close it: a sandbox started for this opening would keep its port.
          await cloud.close().catch(() => undefined)
          throw error
        }
      })()
    }
    opening.opened.catch(() => {
      opening.failed = true
    })
    this.#current = opening
    return opening
  }

  #tokenCache(): EncryptedTokenCache {
    const { dataDir, secrets, logger, onSessionOnly } = this.#options
    return createEncryptedTokenCache({
      file: join(dataDir, TOKEN_CACHE_FILE),
      secrets,
      keychainService: KEYCHAIN_SERVICE,
      keychainAccount: keychainAccountFor(dataDir),
      logger,
      onSessionOnly
    })
  }

  async #prepare(cloud: MicrosoftCloud): Promise<CurrentCloud> {
    if (cloud.kind === 'unconfigured') return { kind: 'unconfigured' }
    const { logger, openBrowser } = this.#options
    const signIn = await createMicrosoftSignIn({ clientId: cloud.clientId, endpoints: cloud.endpoints, tokenCache: this.#tokenCache(), openBrowser, logger })
    return { kind: cloud.kind, clientId: cloud.clientId, endpoints: cloud.endpoints, signIn, sandboxBaseUrl: cloud.sandbox?.baseUrl }
  }
}
