import type { PublicClientApplication } from '@azure/msal-node'
import type { Logger } from '../../logger.ts'
import { silentFailureOf } from './msal-failure.ts'
import type { SilentTokenOutcome } from './microsoft-sign-in.ts'

/** A token from MSAL's cache, refreshed by MSAL when it has expired or `forceRefresh` asks. */
export async function acquireSilentToken(
  app: PublicClientApplication,
  logger: Logger,
  homeAccountId: string,
  scopes: string[],
  options: { forceRefresh?: boolean } = {}
): Promise<SilentTokenOutcome> {
  try {
    const account = await app.getTokenCache().getAccountByHomeId(homeAccountId)
    if (!account) return { ok: false, reason: 'noAccount', details: null }
    const result = await app.acquireTokenSilent({ account, scopes, forceRefresh: options.forceRefresh ?? false })
    return { ok: true, accessToken: result.accessToken, scopes: result.scopes }
  } catch (error) {
    const failure = silentFailureOf(error)
    logger.warn('sign-in: a silent token request failed', { reason: failure.reason, details: failure.details, error })
    return failure
  }
}
