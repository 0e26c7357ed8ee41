import { escapeHtml, type SandboxResponse } from '../http/sandbox-http.ts'
import { describeWithTrace, type EntraError, type EntraTrace } from './entra-errors.ts'
import { renderPage } from './page-layout.ts'

/**
 * Entra's own error page, shown instead of answering the app when the app cannot be answered
 * safely: an unknown client, or a redirect URI that is not the app's. The AADSTS code is on it.
 */
export function signInErrorPage(failure: EntraError, trace: EntraTrace, startAgainUrl?: string): SandboxResponse {
  const again = startAgainUrl
    ? `<p><a href="${escapeHtml(startAgainUrl)}">Sign in with a different account</a></p>`
    : ''
  return renderPage(
    400,
    'Sign in to your account',
    `<h1>Sorry, but we’re having trouble signing you in.</h1>
<p class="error-code">${escapeHtml(describeWithTrace(failure.code, failure.message, trace)).replace(/\r\n/g, '<br>')}</p>
${again}`
  )
}

/** What the pages show during an outage or while throttled. */
export function troublePage(status: number, failure: EntraError, trace: EntraTrace, headers: Record<string, string> = {}): SandboxResponse {
  return renderPage(
    status,
    'Sign in to your account',
    `<h1>Sorry, but we’re having trouble signing you in.</h1>
<p>Please try again in a few minutes.</p>
<p class="error-code">${escapeHtml(describeWithTrace(failure.code, failure.message, trace)).replace(/\r\n/g, '<br>')}</p>`,
    headers
  )
}

export function signedOutPage(headers: Record<string, string>): SandboxResponse {
  return renderPage(
    200,
    'Sign out',
    `<h1>You signed out of your account</h1>
<p>It’s a good idea to close all browser windows.</p>`,
    headers
  )
}

/** `/error?code=…`, where `error_uri` points. */
export function errorLookupPage(code: string): SandboxResponse {
  const digits = /^\d{1,9}$/.test(code) ? code : ''
  return renderPage(
    200,
    'Error lookup',
    digits
      ? `<h1>AADSTS${digits}</h1><p>See Microsoft’s list of AADSTS error codes for what it means.</p>`
      : `<h1>Error lookup</h1><p>Name an error code, such as <code>?code=50076</code>.</p>`
  )
}
