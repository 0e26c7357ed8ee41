import { getPage, organisationConsentCheckbox, postForm, readForm, type HttpPage } from './entra-http-sign-in.ts'

/**
 * Plays the system browser over plain HTTP, the way a browser without script would: opens the
 * authorize URL the console opened, picks the account, accepts the permissions for the whole
 * organisation when Microsoft asks, and posts the answer to MSAL's loopback. Lighter than Chromium,
 * for tests whose subject is what happens after the sign-in.
 */
export async function signInOverLoopback(authorizeUrl: string, account: string): Promise<void> {
  const page = await pickAndAccept(authorizeUrl, account)
  // The page that hands the answer back: a form that posts to the app's loopback.
  const answer = readForm(page.html)
  const loopback = await postForm(answer.action, answer.fields)
  if (loopback.status >= 400) throw new Error(`MSAL's loopback answered ${loopback.status}.`)
}

/**
 * GRANT PERMISSIONS in a browser without script: opens Microsoft's admin consent URL, picks the
 * account, accepts for the organisation, and follows the redirect to the console's own listener.
 */
export async function grantOverHttp(adminConsentUrl: string, account: string): Promise<void> {
  const page = await pickAndAccept(adminConsentUrl, account)
  if (!page.location) throw new Error(`Microsoft did not send the browser back to the console (HTTP ${page.status}).`)
  const listener = await getPage(page.location)
  if (listener.status >= 400) throw new Error(`the console's listener answered ${listener.status}.`)
}

/** Microsoft's pages from the first URL up to the answer: the account picker, then the permissions when asked. */
async function pickAndAccept(url: string, account: string): Promise<HttpPage> {
  const picker = await getPage(url)
  const pick = readForm(picker.html, { name: 'login', value: account })
  const page = await postForm(new URL(pick.action, url), pick.fields)
  if (!page.html.includes('Permissions requested')) return page
  const consent = readForm(page.html, { name: 'decision', value: 'accept' })
  const checkbox = organisationConsentCheckbox(page.html)
  if (checkbox) consent.fields.set(checkbox, 'true')
  return postForm(new URL(consent.action, url), consent.fields)
}
