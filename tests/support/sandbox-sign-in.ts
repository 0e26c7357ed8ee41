import type { Page } from '@playwright/test'

export interface SandboxSignInOptions {
  /** The account to pick, by its user principal name or display name, as shown on "Pick an account". */
  account: string
  /** What to press on "Permissions requested", if the page appears. */
  consent?: 'accept' | 'cancel'
  /** What to do on "Need admin approval": return to the app with the error, or stop there. */
  needAdminApproval?: 'return' | 'stay'
  /**
   * Whether an administrator ticks "Consent on behalf of your organisation" when the permissions
   * page shows it (default true, since most flows want the tenant-wide grant). Entra leaves it unticked.
   */
  onBehalfOfOrganisation?: boolean
}

/** Where the sign-in ended, as a person would tell. */
export type SandboxSignInOutcome = 'returned-to-app' | 'need-admin-approval' | 'error-page'

const timeout = 10_000

/**
 * Plays the system browser on the sandbox tenant's sign-in pages: opens the URL the app opened
 * (MSAL's authorize URL, or an admin-consent URL), picks the account by its visible name, answers
 * the permissions page, and lets the page hand the answer to the app's loopback.
 */
export async function signInWithBrowser(page: Page, url: string, options: SandboxSignInOptions): Promise<SandboxSignInOutcome> {
  const sandboxOrigin = new URL(url).origin
  const leftSandbox = () => new URL(page.url()).origin !== sandboxOrigin
  await page.goto(url)
  const picker = page.getByRole('heading', { name: 'Pick an account' })
  if (await picker.isVisible()) {
    await page.getByRole('button', { name: options.account }).click()
    await page.waitForLoadState()
  }
  const next = await firstVisible(page, leftSandbox)
  if (next === 'permissions') {
    const organisationConsent = page.getByRole('checkbox', { name: 'Consent on behalf of your organisation' })
    if (await organisationConsent.isVisible()) await organisationConsent.setChecked(options.onBehalfOfOrganisation ?? true)
    await page.getByRole('button', { name: options.consent === 'cancel' ? 'Cancel' : 'Accept', exact: true }).click()
    await page.waitForURL((target) => target.origin !== sandboxOrigin, { timeout })
    return 'returned-to-app'
  }
  if (next === 'need-admin-approval') {
    if (options.needAdminApproval !== 'return') return 'need-admin-approval'
    await page.getByRole('button', { name: 'Return to the application without granting consent' }).click()
    await page.waitForURL((target) => target.origin !== sandboxOrigin, { timeout })
    return 'need-admin-approval'
  }
  return next
}

async function firstVisible(
  page: Page,
  leftSandbox: () => boolean
): Promise<'permissions' | 'need-admin-approval' | 'returned-to-app' | 'error-page'> {
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    if (leftSandbox()) return 'returned-to-app'
    if (await page.getByRole('heading', { name: 'Permissions requested' }).isVisible().catch(() => false)) return 'permissions'
    if (await page.getByRole('heading', { name: 'Need admin approval' }).isVisible().catch(() => false)) return 'need-admin-approval'
    if (await page.getByText('AADSTS').first().isVisible().catch(() => false)) return 'error-page'
    await page.waitForTimeout(25)
  }
  throw new Error(`The sign-in pages did not move on from ${page.url()}.`)
}
