import { PublicClientApplication } from '@azure/msal-node'
import type { Logger } from '../../logger.ts'
import type { CloudEndpoints } from '../cloud-profiles.ts'
import type { EncryptedTokenCache } from '../token-cache/encrypted-token-cache.ts'
import { startBrowserSignIn } from './browser-sign-in.ts'
import type { MicrosoftSignIn } from './microsoft-sign-in.ts'
import { createMsalConfiguration } from './msal-configuration.ts'
import { acquireSilentToken } from './silent-token.ts'

export interface CreateMicrosoftSignInOptions {
  clientId: string
  endpoints: CloudEndpoints
  tokenCache: EncryptedTokenCache
  /** Opens the system browser; the shell's `shell.openExternal`, or a test's page. */
  openBrowser: (url: string) => Promise<void>
  logger: Logger
}

/**
 * Sign-in for one cloud and client ID, on one MSAL PublicClientApplication. It rejects only when
 * the cloud cannot be set up (a sandbox whose discovery document cannot be read).
 */
export async function createMicrosoftSignIn(options: CreateMicrosoftSignInOptions): Promise<MicrosoftSignIn> {
  const { clientId, endpoints, tokenCache, openBrowser, logger } = options
  const app = new PublicClientApplication(
    await createMsalConfiguration({ clientId, loginEndpoint: endpoints.loginEndpoint, cachePlugin: tokenCache.plugin, logger })
  )
  const cache = app.getTokenCache()
  return {
    start: (request) => startBrowserSignIn({ app, openBrowser, logger }, request),
    acquireSilent: (homeAccountId, scopes, silentOptions) => acquireSilentToken(app, logger, homeAccountId, scopes, silentOptions),
    async forgetAccount(homeAccountId) {
      const account = await cache.getAccountByHomeId(homeAccountId)
      if (account) await cache.removeAccount(account)
    },
    async forgetEverything() {
      try {
        for (const account of await cache.getAllAccounts()) await cache.removeAccount(account)
      } finally {
        // Whatever MSAL left behind (app metadata, a half-removed account) goes with the file and its key.
        app.clearCache()
        await tokenCache.erase()
      }
    }
  }
}
