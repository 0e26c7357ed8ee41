import type { AccountInfo } from '@azure/msal-node'
import type { MicrosoftDetails } from '../../../shared/microsoft-365.ts'

/**
 * What the connection service needs from sign-in. MSAL stays behind this interface, so the service
 * never sees a library error, and tokens never leave the main process.
 */
export interface SignInRequest {
  /** Full scope strings, e.g. `https://graph.microsoft.com/Directory.Read.All`; one resource only. */
  scopes: string[]
  /** Another resource's scopes to consent to in the same visit (the Management API's). */
  extraScopesToConsent?: string[]
  /** `select_account` shows Microsoft's account picker; `consent` asks again for consent. */
  prompt?: 'select_account' | 'consent' | 'login'
  /** Pre-fills the account, e.g. the connected admin's UPN at disconnect. */
  loginHint?: string
  /** The console's own time limit, since MSAL waits forever for the browser. */
  timeLimitMs: number
}

export interface SignedIn {
  account: AccountInfo
  /** The admin's UPN. */
  username: string
  tenantId: string
  accessToken: string
  /** The server's `scope` list: the permissions that apply to this admin. */
  scopes: string[]
}

export type SignInFailureReason =
  /** The admin pressed Cancel, or closed the dialog. */
  | 'cancelled'
  /** The console's time limit passed. */
  | 'timedOut'
  /** Microsoft answered `access_denied` or `consent_required`: the admin declined, or may not consent. */
  | 'declined'
  /** The loopback answer did not match (a tampered `state`, a wrong client): nothing was accepted. */
  | 'rejected'
  /** No network, DNS, TLS, or a Microsoft endpoint unreachable. */
  | 'network'
  /** Any other answer from Microsoft; `details` says which. */
  | 'microsoft'

export interface SignInFailure {
  ok: false
  reason: SignInFailureReason
  /** AADSTS code, MSAL error code, request/trace ID: for "Details". Never the raw message. */
  details: MicrosoftDetails | null
}

export type SignInOutcome = { ok: true; signedIn: SignedIn } | SignInFailure

/** One visit to the system browser, under way. */
export interface BrowserSignIn {
  /** Settles once: signed in, or a failure. It never rejects. */
  readonly outcome: Promise<SignInOutcome>
  /** Ends the visit at once, frees the loopback port, and settles `outcome` with `cancelled`. */
  cancel(): void
}

/** A token from the cache, refreshed only when needed. */
export type SilentTokenOutcome =
  | { ok: true; accessToken: string; scopes: string[] }
  | { ok: false; reason: 'interactionRequired' | 'network' | 'microsoft' | 'noAccount'; details: MicrosoftDetails | null }

export interface MicrosoftSignIn {
  /** Opens the system browser on Microsoft's sign-in, through MSAL's loopback. */
  start(request: SignInRequest): BrowserSignIn
  acquireSilent(homeAccountId: string, scopes: string[], options?: { forceRefresh?: boolean }): Promise<SilentTokenOutcome>
  /** Removes one account and its tokens from the cache (a failed check, a cancelled Step 2). */
  forgetAccount(homeAccountId: string): Promise<void>
  /** Removes every account, deletes the encrypted cache file and its key in the keychain. */
  forgetEverything(): Promise<void>
}
