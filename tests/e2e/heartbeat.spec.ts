import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Cookie, type Page } from '@playwright/test'
import { sandboxIds } from '../../src/sandbox-tenant/world/seed-world.ts'
import { expectNoAxeViolations } from '../support/axe-check.ts'
import { connectAsMegan, connectDialog, microsoft365Tile, openCloudApplications, openConsole, signInFromStep1, statusDialog } from '../support/console-e2e.ts'
import { startPreviewProcess, type PreviewProcess } from '../support/preview-process.ts'
import { signInWithBrowser } from '../support/sandbox-sign-in.ts'
import { closedPort } from '../support/closed-port.ts'
import { recordFirstPaint, type FirstPaintRecord } from '../support/first-paint-recorder.ts'

/**
 * The manual's "Securing a connection", by its labels, on a web preview of its own: the status
 * dialog with Last heartbeat and the permissions, Connected (Additional setup required) → GRANT
 * PERMISSIONS → Connected, and a console started with no network that still shows what it stored.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 })

let preview: PreviewProcess
let dataDir: string
let session: Cookie[]

async function startPreview(env: NodeJS.ProcessEnv): Promise<void> {
  preview = await startPreviewProcess({ env: { ...process.env, PORT: '0', CONSOLE_DATA_DIR: dataDir, ...env } })
}

/** The printed URL works once: spend it, and give each test the session it leaves behind. */
async function spendTokenUrl(page: Page): Promise<void> {
  await page.goto(preview.tokenUrl)
  session = await page.context().cookies()
}

/** Changes the built-in sandbox's world, as its README's scenario controls do. */
async function changeScenario(change: Record<string, unknown>): Promise<void> {
  const response = await fetch(new URL('_sandbox/scenario', await preview.sandboxUrl()), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(change)
  })
  expect(response.status).toBe(200)
}

const tileStatus = (page: Page) => microsoft365Tile(page).getByRole('status', { name: 'Microsoft 365 status' })
const permissionRow = (page: Page, name: string) => statusDialog(page).getByRole('row', { name: new RegExp(name.replaceAll('.', '\\.')) })

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'console-e2e-heartbeat-'))
  // A long interval: the tests run each heartbeat with Check now, when they mean to.
  await startPreview({ CONSOLE_HEARTBEAT_SECONDS: '3600' })
})
test.afterAll(async () => {
  await preview?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('the status dialog shows Last heartbeat, the permissions, and the heartbeats it ran', async ({ page, context }, testInfo) => {
  await spendTokenUrl(page)
  await openConsole(page, preview.url, session)
  await openCloudApplications(page)
  await connectAsMegan(page, context)
  await expect(microsoft365Tile(page)).toContainText('Last heartbeat')

  await tileStatus(page).getByRole('button', { name: 'Connected' }).click()
  const dialog = statusDialog(page)
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Last heartbeat')
  await expect(permissionRow(page, 'Directory.Read.All')).toContainText('Granted')
  await expect(permissionRow(page, 'ActivityFeed.Read')).toContainText('Granted')
  await expect(dialog.getByRole('button', { name: 'GRANT PERMISSIONS' })).toHaveCount(0)

  await dialog.getByRole('button', { name: 'Check now' }).click()
  const history = dialog.getByRole('table', { name: 'Recent heartbeats' })
  await expect(history.getByRole('row').filter({ hasText: 'Connected' }).first()).toBeVisible()
  await expectNoAxeViolations(page, 'the status dialog, Connected')
  await page.screenshot({ path: testInfo.outputPath('status-dialog-connected.png') })
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})

test('a removed permission shows Additional setup required; GRANT PERMISSIONS and the next heartbeat make it Connected', async ({ page, context }, testInfo) => {
  await openConsole(page, preview.url, session)
  await openCloudApplications(page)
  // As an admin removing it in Entra.
  await changeScenario({ removePermission: 'https://manage.office.com/ActivityFeed.Read' })
  await tileStatus(page).getByRole('button', { name: 'Connected' }).click()
  const dialog = statusDialog(page)
  await dialog.getByRole('button', { name: 'Check now' }).click()
  await expect(dialog.getByText('Status: Connected (Additional setup required)')).toBeVisible()
  await expect(permissionRow(page, 'ActivityFeed.Read')).toContainText('Missing')
  await expect(permissionRow(page, 'Directory.Read.All')).toContainText('Granted')
  await expectNoAxeViolations(page, 'the status dialog, Additional setup required')
  await page.screenshot({ path: testInfo.outputPath('status-dialog-additional-setup.png') })

  const [consentTab] = await Promise.all([context.waitForEvent('page'), dialog.getByRole('button', { name: 'GRANT PERMISSIONS' }).click()])
  await expect(dialog.getByText('Waiting for you to accept in your browser…')).toBeVisible()
  await consentTab.waitForLoadState()
  expect(await signInWithBrowser(consentTab, consentTab.url(), { account: 'MeganB@contoso.onmicrosoft.com' })).toBe('returned-to-app')
  await consentTab.close()
  await expect(dialog.getByText('The changes take effect at the next heartbeat.')).toBeVisible()
  await expect(dialog).toContainText('ActivityFeed.Read')

  await dialog.getByRole('button', { name: 'Check now' }).click()
  await expect(permissionRow(page, 'ActivityFeed.Read')).toContainText('Granted')
  await expect(dialog.getByRole('button', { name: 'GRANT PERMISSIONS' })).toHaveCount(0)
  await expect(dialog.getByText('The changes take effect at the next heartbeat.')).toHaveCount(0)
  await expect(dialog.getByText('Status: Connected', { exact: true })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(tileStatus(page)).toHaveText(/^Connected$/)
})

test('revoked consent shows Reconnect required; RECONNECT signs in again and keeps the heartbeat history', async ({ page, context }) => {
  await openConsole(page, preview.url, session)
  await expect(page.getByRole('heading', { level: 1, name: 'Cloud Applications' })).toBeVisible()
  // As an admin removing the console's consent in Entra.
  await changeScenario({ revokeConsent: true })
  await tileStatus(page).getByRole('button', { name: 'Connected' }).click()
  const dialog = statusDialog(page)
  const heartbeatsBefore = await dialog.getByRole('table', { name: 'Recent heartbeats' }).getByRole('row').count()
  await dialog.getByRole('button', { name: 'Check now' }).click()
  await expect(dialog.getByText('Status: Reconnect required')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'GRANT PERMISSIONS' })).toHaveCount(0)

  await dialog.getByRole('button', { name: 'RECONNECT', exact: true }).click()
  await expect(connectDialog(page)).toHaveAccessibleDescription(/Reconnect to Contoso/)
  await signInFromStep1(page, context, { account: 'MeganB@contoso.onmicrosoft.com' })
  await connectDialog(page).getByRole('button', { name: 'CONFIRM' }).click()
  await expect(connectDialog(page)).toBeHidden()
  await expect(tileStatus(page)).toHaveText(/^Connected$/)
  await expect(page.getByRole('region', { name: 'Activity' })).toContainText('Reconnected by MeganB@contoso.onmicrosoft.com')

  await tileStatus(page).getByRole('button', { name: 'Connected' }).click()
  const history = statusDialog(page).getByRole('table', { name: 'Recent heartbeats' })
  await expect(history.getByRole('row').filter({ hasText: 'Reconnect required' }).first()).toBeVisible()
  expect(await history.getByRole('row').count()).toBeGreaterThan(heartbeatsBefore)
  await page.keyboard.press('Escape')
})

test('started with no network, the console shows the stored status and Last heartbeat at once, with an offline notice', async ({ page }, testInfo) => {
  await preview.stop()
  // The same data folder and sandbox app registration, but Microsoft's endpoints answer nothing.
  const nowhere = `http://127.0.0.1:${await closedPort()}`
  await startPreview({
    CONSOLE_HEARTBEAT_SECONDS: '3600',
    M365_CLIENT_ID: sandboxIds.clientId,
    M365_LOGIN_ENDPOINT: nowhere,
    M365_GRAPH_ENDPOINT: nowhere,
    M365_MANAGEMENT_ENDPOINT: nowhere
  })
  await spendTokenUrl(page)
  // What the page holds the first time anything is drawn in it (stored data, or a spinner), and the
  // calls to main it made before then.
  await page.addInitScript(recordFirstPaint, { key: 'firstPaint', statusText: 'Connected' })
  await openConsole(page, preview.url, session)
  // The console opens on what it watches.
  await expect(page.getByRole('heading', { level: 1, name: 'Cloud Applications' })).toBeVisible()
  const record = await page.evaluate(() => (window as unknown as { firstPaint: FirstPaintRecord }).firstPaint)
  const firstPaint = record.firstText
  const callsBeforeFirstPaint = record.calls.filter(({ at }) => at <= (record.firstTextAt ?? Number.POSITIVE_INFINITY)).map(({ method }) => method)
  // The first paint waits on main: one call, not one per screen.
  expect(callsBeforeFirstPaint).toEqual(['getConsoleSnapshot'])
  expect(firstPaint).toContain('Contoso')
  expect(firstPaint).toContain('Last heartbeat')
  expect(firstPaint).not.toMatch(/Loading/i)
  // The launch heartbeat could not reach Microsoft: the last status stays, with when it became unreachable.
  await expect(tileStatus(page)).toContainText('Unreachable since')
  await expect(tileStatus(page)).toContainText('Connected')
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('You are offline')
  await expectNoAxeViolations(page, 'Cloud Applications, offline')
  await page.screenshot({ path: testInfo.outputPath('offline-start.png') })

  await tileStatus(page).getByRole('button').first().click()
  const dialog = statusDialog(page)
  await expect(permissionRow(page, 'ActivityFeed.Read')).toContainText('Granted')
  await expect(dialog.getByRole('table', { name: 'Recent heartbeats' }).getByRole('row').filter({ hasText: 'Unreachable' }).first()).toBeVisible()
})
