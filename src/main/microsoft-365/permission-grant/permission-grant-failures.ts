import type { PermissionGrant } from '../../../shared/heartbeat.ts'
import type { AdminConsentAnswer } from './admin-consent-answer.ts'

export type PermissionGrantFailure = Extract<PermissionGrant, { step: 'failed' }>

/** Entra's "the grant requires admin permission": the account may not consent for the organisation. */
const needsAdministratorCodes = new Set(['AADSTS90094', 'AADSTS90093'])
/** The admin selected Cancel on Microsoft's permissions page. */
const declinedCodes = new Set(['AADSTS65004'])
const declinedErrors = new Set(['access_denied', 'consent_required'])

/** Microsoft's answer, when it was not a grant, in the admin's words. */
export function failureForAnswer(answer: Extract<AdminConsentAnswer, { kind: 'refused' }>, tenantName: string): PermissionGrantFailure {
  const { details } = answer
  if (answer.aadsts && needsAdministratorCodes.has(answer.aadsts)) {
    return {
      step: 'failed',
      title: 'The account you signed in with cannot grant permissions for your organisation.',
      fix: `Select GRANT PERMISSIONS again and sign in with a Global Administrator account of ${tenantName}.`,
      details
    }
  }
  if ((answer.aadsts && declinedCodes.has(answer.aadsts)) || declinedErrors.has(answer.error)) {
    return {
      step: 'failed',
      title: 'The permissions were not granted: the request was declined in the browser.',
      fix: `Select GRANT PERMISSIONS again, sign in with a Global Administrator account of ${tenantName}, and select Accept.`,
      details
    }
  }
  return {
    step: 'failed',
    title: 'Microsoft could not grant the permissions.',
    fix: 'Try again in a few minutes. If it keeps failing, give the error code and trace ID under Details to your support contact.',
    details
  }
}

export function timedOutFailure(timeLimitMs: number): PermissionGrantFailure {
  return {
    step: 'failed',
    title: `The permissions were not granted within ${durationInWords(timeLimitMs)}, so the console stopped waiting.`,
    fix: 'Select GRANT PERMISSIONS again, and finish in your browser.',
    details: null
  }
}

export const browserNotOpenedFailure: PermissionGrantFailure = {
  step: 'failed',
  title: 'The console could not open your web browser.',
  fix: 'Check that this computer has a default web browser, then select GRANT PERMISSIONS again.',
  details: { code: 'browser_not_opened' }
}

export const notPreparedFailure: PermissionGrantFailure = {
  step: 'failed',
  title: 'The console could not prepare the request for permissions.',
  fix: 'Check Settings, or restart the console, and select GRANT PERMISSIONS again.',
  details: null
}

export const notListeningFailure: PermissionGrantFailure = {
  step: 'failed',
  title: 'The console could not wait for Microsoft’s answer on this computer.',
  fix: 'Restart the console, then select GRANT PERMISSIONS again. Security software may be blocking local connections.',
  details: null
}

function durationInWords(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes >= 1) return minutes === 1 ? '1 minute' : `${minutes} minutes`
  const seconds = Math.max(1, Math.round(ms / 1000))
  return seconds === 1 ? '1 second' : `${seconds} seconds`
}
