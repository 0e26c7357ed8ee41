import { getPage, organisationConsentCheckbox, postForm, readForm } from './entra-http-sign-in.ts'

/**
 * Plays the system browser over plain HTTP, the way a browser without script would: opens the
 * authorize URL the console opened, picks the account, accepts the permissions for the whole
 * organisation when Microsoft asks, and posts the answer to MSAL's loopback. Lighter than Chromium,
 * for tests whose subject is what happens after the sign-in.
 */
export async function signInOverLoopback(authorizeUrl: string, account: string): Promise<void> {
  const picker = await getPage(authorizeUrl)
  const pick = readForm(picker.html, { name: 'login', value: account })
  let page = await postForm(new URL(pick.action, authorizeUrl), pick.fields)
  if (page.html.includes('Permissions requested')) {
    const consent = readForm(page.html, { name: 'decision', value: 'accept' })
    const checkbox = organisationConsentCheckbox(page.html)
    if (checkbox) consent.fields.set(checkbox, 'true')
    page = await postForm(new URL(consent.action, authorizeUrl), consent.fields)
  }
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
  const picker = await getPage(adminConsentUrl)
  const pick = readForm(picker.html, { name: 'login', value: account })
  let page = await postForm(new URL(pick.action, adminConsentUrl), pick.fields)
  if (page.html.includes('Permissions requested')) {
    const consent = readForm(page.html, { name: 'decision', value: 'accept' })
    const checkbox = organisationConsentCheckbox(page.html)
    if (checkbox) consent.fields.set(checkbox, 'true')
    page = await postForm(new URL(consent.action, adminConsentUrl), consent.fields)
  }
  if (!page.location) throw new Error(`Microsoft did not send the browser back to the console (HTTP ${page.status}).`)
  const listener = await getPage(page.location)
  if (listener.status >= 400) throw new Error(`the console's listener answered ${listener.status}.`)
}
