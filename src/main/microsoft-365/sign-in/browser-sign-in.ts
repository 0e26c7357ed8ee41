import type { AuthenticationResult, PublicClientApplication } from '@azure/msal-node'
import type { Logger } from '../../logger.ts'
import { postAccessDenied } from './loopback-answer.ts'
import { signInFailureOf } from './msal-failure.ts'
import type { BrowserSignIn, SignInFailure, SignInOutcome, SignInRequest } from './microsoft-sign-in.ts'
import { signInErrorPage, signInSuccessPage } from './sign-in-pages.ts'

export interface BrowserSignInDependencies {
  app: PublicClientApplication
  openBrowser: (url: string) => Promise<void>
  logger: Logger
}

type Ending = 'cancelled' | 'timedOut'

/**
 * How long an ending may wait for MSAL to let go before the outcome settles anyway. MSAL normally
 * rejects within milliseconds of the posted answer; only a token exchange stuck on a dead network
 * could hold it, and the admin must not watch a spinner for that.
 */
const endingGraceMs = 5_000
/** Node fires a longer timer at once, which would end every visit before it began. */
const longestTimerMs = 2 ** 31 - 1

/** Thrown into MSAL from openBrowser when the visit ended before the browser was due to open. */
class EndedBeforeBrowser extends Error {
  override name = 'EndedBeforeBrowser'
}

/**
 * One interactive sign-in through MSAL's loopback. MSAL has no abort and no timeout, so Cancel and
 * the time limit both answer MSAL's loopback as a browser would with an OAuth error; this flow's
 * own `ending` flag then says which of the two it was, whatever MSAL reports.
 */
export function startBrowserSignIn(dependencies: BrowserSignInDependencies, request: SignInRequest): BrowserSignIn {
  const { app, logger } = dependencies
  let ending: Ending | null = null
  let loopback: { redirectUri: string; state: string } | null = null
  let browserFailed = false
  let settled = false
  let graceTimer: NodeJS.Timeout | undefined
  let stopWaitingForBrowser!: () => void
  const browserWaitEnded = new Promise<void>((resolve) => {
    stopWaitingForBrowser = resolve
  })
  let settle!: (outcome: SignInOutcome) => void
  const outcome = new Promise<SignInOutcome>((resolve) => {
    settle = resolve
  })
  const timeLimit = setTimeout(() => end('timedOut'), Math.min(request.timeLimitMs, longestTimerMs))

  function finish(result: SignInOutcome): void {
    if (settled) return
    settled = true
    clearTimeout(timeLimit)
    clearTimeout(graceTimer)
    settle(result)
  }

  function answerLoopback(target: { redirectUri: string; state: string }): void {
    postAccessDenied(target.redirectUri, target.state).catch((error: unknown) => {
      // MSAL may have closed its server already, having just finished; its own settling covers that.
      logger.warn('sign-in: could not post the ending answer to MSAL’s loopback', { error })
    })
  }

  function end(reason: Ending): void {
    if (settled || ending) return
    ending = reason
    clearTimeout(timeLimit)
    stopWaitingForBrowser()
    if (loopback) answerLoopback(loopback)
    graceTimer = setTimeout(() => {
      logger.warn('sign-in: MSAL did not let go after the ending answer; settling without it', { reason })
      finish(ended(reason))
    }, endingGraceMs)
    graceTimer.unref()
  }

  async function openBrowser(url: string): Promise<void> {
    const parameters = new URL(url).searchParams
    const redirectUri = parameters.get('redirect_uri')
    const state = parameters.get('state')
    if (!redirectUri || !state) throw new Error('MSAL’s authorize URL has no redirect_uri or state.')
    loopback = { redirectUri, state }
    // Throwing here is the quickest way out: MSAL closes its loopback in a finally block.
    if (ending) throw new EndedBeforeBrowser('The sign-in ended before the browser opened.')
    const opening = dependencies.openBrowser(url).catch((error: unknown) => {
      browserFailed = true
      throw error
    })
    // An opener that never returns must not keep Cancel from reaching MSAL's loopback.
    await Promise.race([opening, browserWaitEnded])
  }

  async function completed(result: AuthenticationResult): Promise<void> {
    const account = result.account
    if (ending) {
      // The browser answered just as the admin cancelled: the admin's choice stands, and the
      // account the console is not going to use leaves the cache.
      if (account) await app.getTokenCache().removeAccount(account)
      finish(ended(ending))
      return
    }
    if (!account) {
      finish({ ok: false, reason: 'microsoft', details: { code: 'no_account_in_result' } })
      return
    }
    finish({
      ok: true,
      signedIn: {
        account,
        username: account.username,
        tenantId: result.tenantId || account.tenantId,
        accessToken: result.accessToken,
        scopes: result.scopes
      }
    })
  }

  function failed(error: unknown): void {
    if (ending) {
      finish(ended(ending))
      return
    }
    if (browserFailed) {
      logger.error('sign-in: the system browser could not be opened', { error })
      finish({ ok: false, reason: 'microsoft', details: { code: 'browser_not_opened' } })
      return
    }
    const failure = signInFailureOf(error)
    logger.warn('sign-in: the interactive sign-in failed', { reason: failure.reason, details: failure.details, error })
    finish(failure)
  }

  app
    .acquireTokenInteractive({
      scopes: request.scopes,
      ...(request.extraScopesToConsent ? { extraScopesToConsent: request.extraScopesToConsent } : {}),
      ...(request.prompt ? { prompt: request.prompt } : {}),
      ...(request.loginHint ? { loginHint: request.loginHint } : {}),
      successTemplate: signInSuccessPage,
      errorTemplate: signInErrorPage,
      openBrowser
    })
    .then(completed, failed)
    .catch((error: unknown) => {
      logger.error('sign-in: could not finish the interactive sign-in', { error })
      finish(ending ? ended(ending) : { ok: false, reason: 'microsoft', details: null })
    })

  return { outcome, cancel: () => end('cancelled') }
}

function ended(reason: Ending): SignInFailure {
  return { ok: false, reason, details: null }
}
