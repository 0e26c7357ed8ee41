import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Cookie, type Page } from '@playwright/test'
import { connectDialog, microsoft365Tile, openCloudApplications, openConsole as openConsoleAt, signInFromStep1 } from '../support/console-e2e.ts'
import { startPreviewProcess, type PreviewProcess } from '../support/preview-process.ts'

/**
 * The manual's "Connecting to Coro" and "Disconnecting your Microsoft 365 account", by its labels,
 * on a web preview of their own (a connect changes what every other test would see). The preview
 * opens Microsoft's pages in a new tab, which plays the system browser on the sandbox tenant.
 */
// Serial: each test goes on from the state the one before left. The timeout covers starting a preview.
test.describe.configure({ mode: 'serial', timeout: 60_000 })

let preview: PreviewProcess
let dataDir: string
let session: Cookie[]

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'console-e2e-connect-'))
  preview = await startPreviewProcess({ env: { ...process.env, PORT: '0', CONSOLE_DATA_DIR: dataDir } })
  // The printed URL works once: spend it here, and give each test the session it leaves behind.
  const context = await browser.newContext()
  await (await context.newPage()).goto(preview.tokenUrl)
  session = await context.cookies()
  await context.close()
})
test.afterAll(async () => {
  await preview?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const openConsole = (page: Page) => openConsoleAt(page, preview.url, session)
const tile = microsoft365Tile

test('connects Microsoft 365 from the tile: sign-in, prerequisites, Step 2 and CONFIRM lead to Connected', async ({ page, context }, testInfo) => {
  await openConsole(page)
  await openCloudApplications(page)
  await tile(page).getByRole('button', { name: 'CONNECT', exact: true }).click()
  await expect(connectDialog(page).getByRole('heading', { name: 'Prerequisites' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('connect-step-1.png') })

  await signInFromStep1(page, context, { account: 'MeganB@contoso.onmicrosoft.com' })
  const step2 = connectDialog(page)
  await expect(step2.getByText('Verify that Microsoft 365 audit log recording is enabled')).toBeVisible()
  await expect(step2.getByRole('link', { name: /purview\.microsoft\.com\/audit\/auditsearch|Purview/ })).toHaveAttribute(
    'href',
    'https://purview.microsoft.com/audit/auditsearch'
  )
  await expect(step2.getByText('Audit log recording is on.')).toBeVisible()
  await expect(step2).toContainText('Contoso')
  await page.screenshot({ path: testInfo.outputPath('connect-step-2.png') })

  await step2.getByRole('button', { name: 'CONFIRM' }).click()
  await expect(connectDialog(page)).toBeHidden()
  await expect(tile(page).getByRole('status', { name: 'Microsoft 365 status' })).toContainText('Connected')
  await expect(tile(page)).toContainText('Contoso')
  await expect(tile(page)).toContainText('contoso.onmicrosoft.com')
  await expect(page.getByRole('region', { name: 'Activity' })).toContainText('Connected by MeganB@contoso.onmicrosoft.com')
  await page.screenshot({ path: testInfo.outputPath('connected-tile.png') })
})

test('a second connect is refused while one is connected', async ({ page }) => {
  await openConsole(page)
  await openCloudApplications(page)
  await expect(tile(page).getByRole('button', { name: 'CONNECT', exact: true })).toHaveCount(0)
  await page.getByRole('button', { name: '+ CONNECT' }).click()
  await page.getByRole('dialog', { name: 'Connect cloud applications' }).getByRole('button', { name: /Microsoft 365/ }).click()
  // Main refuses a second connect too (the integration tests show it); the dialog says why before anyone tries.
  const connect = connectDialog(page).getByRole('button', { name: 'CONNECT', exact: true })
  await expect(connect).toBeDisabled()
  await expect(connect).toHaveAccessibleDescription(/already connected to Contoso/)
  await page.keyboard.press('Escape')
})

test('the three-dot menu works by keyboard, and Disconnect with YES, DISCONNECT disconnects', async ({ page }, testInfo) => {
  await openConsole(page)
  await openCloudApplications(page)
  const more = tile(page).getByRole('button', { name: 'More actions for Microsoft 365' })
  await more.focus()
  await page.keyboard.press('Enter')
  const menu = page.getByRole('menu', { name: 'More actions for Microsoft 365' })
  await expect(menu.getByRole('menuitem', { name: 'Connection status' })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(menu.getByRole('menuitem', { name: 'Disconnect' })).toBeFocused()
  await page.screenshot({ path: testInfo.outputPath('three-dot-menu.png') })
  await page.keyboard.press('Enter')

  const status = page.getByRole('dialog', { name: 'Microsoft 365 connection status' })
  await expect(status.getByText('Disconnect Microsoft 365 from protection?')).toBeVisible()
  await expect(status.getByRole('checkbox', { name: /Also remove the console.s permissions from the tenant/ })).not.toBeChecked()
  await page.screenshot({ path: testInfo.outputPath('disconnect-confirm.png') })
  await status.getByRole('button', { name: 'YES, DISCONNECT' }).click()
  await expect(status).toBeHidden()
  await expect(tile(page).getByRole('status', { name: 'Microsoft 365 status' })).toHaveText('Not connected')
  const activity = page.getByRole('region', { name: 'Activity' })
  await expect(activity).toContainText('Disconnected from protection')
  await expect(activity).toContainText('Connected by MeganB@contoso.onmicrosoft.com')
})

test('a failed prerequisite names the check and the fix, offers another account, and connects nothing', async ({ page, context }, testInfo) => {
  await openConsole(page)
  await openCloudApplications(page)
  await tile(page).getByRole('button', { name: 'CONNECT', exact: true }).click()
  // Fabrikam's only subscription is F1, below Business Basic.
  await signInFromStep1(page, context, { account: 'AlexW@fabrikam.onmicrosoft.com' })
  const failure = connectDialog(page).getByRole('alert')
  await expect(failure).toContainText(/Business Basic/)
  await expect(connectDialog(page).getByRole('button', { name: 'Try another account' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('connect-failed-prerequisite.png') })

  await page.keyboard.press('Escape')
  await expect(connectDialog(page)).toBeHidden()
  await expect(tile(page).getByRole('status', { name: 'Microsoft 365 status' })).toHaveText('Not connected')
})

test('Cancel while the browser is open returns to Step 1', async ({ page, context }, testInfo) => {
  await openConsole(page)
  await openCloudApplications(page)
  await tile(page).getByRole('button', { name: 'CONNECT', exact: true }).click()
  const [browserTab] = await Promise.all([context.waitForEvent('page'), connectDialog(page).getByRole('button', { name: 'CONNECT', exact: true }).click()])
  await expect(connectDialog(page).getByText('Waiting for you to sign in and accept in your browser…')).toBeVisible()
  await expect(connectDialog(page).getByText(/Time left: 0?[45]:\d\d/)).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('connect-waiting.png') })
  await connectDialog(page).getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(connectDialog(page).getByRole('button', { name: 'CONNECT', exact: true })).toBeEnabled()
  await browserTab.close()
})

test('Settings show the sandbox as a labelled demo, validate the client ID, and keep what was saved', async ({ page }) => {
  await openConsole(page)
  await page.getByRole('button', { name: /Settings/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  const clientId = page.getByRole('textbox', { name: 'Application (client) ID' })
  const cloud = page.getByRole('combobox', { name: 'Cloud' })
  await expect(cloud.getByRole('option', { name: 'Sandbox tenant (demo)' })).toHaveCount(1)

  await cloud.selectOption({ label: 'Global (Microsoft 365)' })
  await clientId.fill('not-a-guid')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(clientId).toHaveAttribute('aria-invalid', 'true')

  await clientId.fill('0f1e2d3c-4b5a-4968-8776-655443322110')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
  await page.reload()
  await page.getByRole('button', { name: /Settings/ }).click()
  await expect(page.getByRole('textbox', { name: 'Application (client) ID' })).toHaveValue('0f1e2d3c-4b5a-4968-8776-655443322110')

  const updates = page.getByRole('checkbox', { name: 'Check for updates automatically' })
  await expect(updates).toBeChecked()
  await updates.uncheck()
  await page.reload()
  await page.getByRole('button', { name: /Settings/ }).click()
  await expect(page.getByRole('checkbox', { name: 'Check for updates automatically' })).not.toBeChecked()

  // The heartbeat interval is saved at once, and not locked by anything.
  await page.getByRole('combobox', { name: 'Heartbeat interval' }).selectOption({ label: 'Every 15 minutes' })
  await page.reload()
  await page.getByRole('button', { name: /Settings/ }).click()
  await expect(page.getByRole('combobox', { name: 'Heartbeat interval' })).toHaveValue('900')

  // Back to the sandbox, so the tests after this one sign in where they expect to.
  await page.getByRole('combobox', { name: 'Cloud' }).selectOption({ label: 'Sandbox tenant (demo)' })
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
})
