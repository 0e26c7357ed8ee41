import type { ConnectFailure } from '../../../shared/microsoft-365.ts'
import type { SignInFailure } from '../sign-in/microsoft-sign-in.ts'

/** What a sign-in that did not finish means to the admin, and what to do next. */
export function connectFailureForSignIn(failure: SignInFailure, timeLimitMinutes: number): ConnectFailure | null {
  const { details } = failure
  switch (failure.reason) {
    case 'cancelled':
      return null
    case 'timedOut':
      return {
        kind: 'timedOut',
        title: `The sign-in was not finished within ${timeLimitMinutes} minutes, so the console stopped waiting.`,
        fix: 'Select Try another account to open the sign-in again, and finish it in your browser.',
        details
      }
    case 'declined':
      return {
        kind: 'consentDeclined',
        title: 'The console’s request for permissions was not accepted.',
        fix: 'Sign in with a Global Administrator account and select Accept. If Microsoft says the app needs admin approval, the account is not an administrator.',
        details
      }
    case 'rejected':
      return {
        kind: 'signIn',
        title: 'The answer from the browser could not be verified, so the console ignored it.',
        fix: 'Try again. If this keeps happening, something on this computer may be interfering with the sign-in.',
        details
      }
    case 'network':
      return {
        kind: 'network',
        title: 'The console could not reach Microsoft’s sign-in service.',
        fix: 'Check this computer’s internet connection, then try again.',
        details
      }
    case 'microsoft':
      if (details?.code === 'browser_not_opened') {
        return {
          kind: 'signIn',
          title: 'The console could not open your web browser for the sign-in.',
          fix: 'Check that this computer has a default web browser, then try again.',
          details
        }
      }
      return {
        kind: 'microsoft',
        title: 'Microsoft did not complete the sign-in.',
        fix: 'Try again in a few minutes. If it keeps failing, give the error code and request ID under Details to your support contact.',
        details
      }
  }
}
