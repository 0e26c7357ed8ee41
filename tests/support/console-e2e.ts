import { expect, type BrowserContext, type Cookie, type Page } from '@playwright/test'
import { signInWithBrowser, type SandboxSignInOptions } from './sandbox-sign-in.ts'

/** What the specs that run a web preview of their own do the same way, by the labels a person sees. */

/** Opens the console: on the Control Panel, or on Cloud Applications when a connection is stored. */
export async function openConsole(page: Page, url: string, session: Cookie[]): Promise<void> {
  await page.context().addCookies(session)
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

export async function openCloudApplications(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Control Panel' }).click()
  await page.getByRole('button', { name: /Cloud Applications/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cloud Applications' })).toBeVisible()
}

export const microsoft365Tile = (page: Page) => page.getByRole('article', { name: 'Microsoft 365' })
export const connectDialog = (page: Page) => page.getByRole('dialog', { name: 'Connect to Microsoft 365' })
export const statusDialog = (page: Page) => page.getByRole('dialog', { name: 'Microsoft 365 connection status' })

/** CONNECT in Step 1, then the sign-in in the tab the console opened, as the admin would do it. */
export async function signInFromStep1(page: Page, context: BrowserContext, signIn: SandboxSignInOptions, button = 'CONNECT'): Promise<void> {
  const [browserTab] = await Promise.all([context.waitForEvent('page'), connectDialog(page).getByRole('button', { name: button, exact: true }).click()])
  await expect(connectDialog(page).getByText('Waiting for you to sign in and accept in your browser…')).toBeVisible()
  await expect(connectDialog(page).getByRole('button', { name: 'Cancel', exact: true })).toBeVisible()
  await browserTab.waitForLoadState()
  expect(await signInWithBrowser(browserTab, browserTab.url(), signIn)).toBe('returned-to-app')
  await browserTab.close()
}

/** The whole connect from the tile, as MeganB, Contoso's Global Administrator. */
export async function connectAsMegan(page: Page, context: BrowserContext): Promise<void> {
  await microsoft365Tile(page).getByRole('button', { name: 'CONNECT', exact: true }).click()
  await signInFromStep1(page, context, { account: 'MeganB@contoso.onmicrosoft.com' })
  await connectDialog(page).getByRole('button', { name: 'CONFIRM' }).click()
  await expect(connectDialog(page)).toBeHidden()
  await expect(microsoft365Tile(page).getByRole('status', { name: 'Microsoft 365 status' })).toContainText('Connected')
}
