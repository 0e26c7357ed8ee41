import { expect, test, type Page } from '@playwright/test'
import type { MethodName } from '../../src/shared/contract.ts'
import { expectNoAxeViolations } from '../support/axe-check.ts'
import { fakeAnswer, stopFakingAnswers } from '../support/faked-answers.ts'

/**
 * Every screen and dialog, in both themes, must have no violation that axe finds of WCAG 2.0, 2.1 and
 * 2.2 at levels A and AA. Colour contrast is the one that a theme change can break unseen, which is
 * why each screen runs in light and in dark.
 */

/** The Control Panel, or Cloud Applications when a connection is stored (the console opens on what it watches). */
async function openStartScreen(page: Page) {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

async function openControlPanel(page: Page) {
  await openStartScreen(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Control Panel' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Control Panel' })).toBeVisible()
}

async function openCloudApplications(page: Page) {
  await openControlPanel(page)
  await page.getByRole('button', { name: /Cloud Applications/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cloud Applications' })).toBeVisible()
}

async function openConnectCloudApplications(page: Page) {
  await openCloudApplications(page)
  await page.getByRole('button', { name: '+ CONNECT' }).click()
  await expect(page.getByRole('dialog', { name: 'Connect cloud applications' })).toBeVisible()
}

async function openConnectMicrosoft365(page: Page) {
  await openConnectCloudApplications(page)
  await page.getByRole('dialog', { name: 'Connect cloud applications' }).getByRole('button', { name: /Microsoft 365/ }).click()
  await expect(page.getByRole('dialog', { name: 'Connect to Microsoft 365' })).toBeVisible()
}

/** Main's answer to one call, faked, with a revision newer than anything the real preview has sent. */
async function answer(page: Page, method: MethodName, value: unknown) {
  await fakeAnswer(page, method, { ok: true, value: { revision: 1_000_000, value } })
}

const contoso = { id: '7f2c9e14-3b8a-4d6f-a1e5-9c0b2d4f6a81', name: 'Contoso', domain: 'contoso.onmicrosoft.com' }
const details = { code: 'AADSTS65004', requestId: '0b9c2f3e-1d4a-4b7c-9e8f-2a1b3c4d5e6f' }

async function openConnectMicrosoft365At(page: Page, flow: unknown) {
  await answer(page, 'getMicrosoft365ConnectFlow', flow)
  await openConnectMicrosoft365(page)
}

const account = 'MeganB@contoso.onmicrosoft.com'
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()

function connectionAs(status: string, more: Record<string, unknown> = {}) {
  return {
    status,
    tenant: contoso,
    account,
    connectedAt: minutesAgo(60),
    manifestVersion: '2',
    grantedPermissions: ['Directory.Read.All', 'ActivityFeed.Read'],
    lastHeartbeatAt: minutesAgo(2),
    ...more
  }
}

async function openConnectedCloudApplications(page: Page, connection: Record<string, unknown> = connectionAs('connected')) {
  await answer(page, 'listCloudApplications', [{ id: 'microsoft365', name: 'Microsoft 365', connection }])
  await answer(page, 'listActivity', [
    { id: 'a1', at: connection.connectedAt, kind: 'connected', tenant: contoso, account, summary: `Connected by ${account}` }
  ])
  await openCloudApplications(page)
  await expect(page.getByRole('article', { name: 'Microsoft 365' })).toContainText('Contoso')
}

const directoryRead = {
  name: 'Directory.Read.All',
  resource: 'Microsoft Graph',
  purpose: 'Reads the tenant, its subscriptions, your directory roles and the console’s own tenant-wide grant.'
}
const activityFeedRead = { name: 'ActivityFeed.Read', resource: 'Office 365 Management APIs', purpose: 'Checks that Microsoft 365 audit log recording is on.' }

function heartbeat(id: string, minutes: number, outcome: string, more: Record<string, unknown> = {}) {
  return {
    id,
    at: minutesAgo(minutes),
    durationMs: 420 + minutes * 7,
    trigger: 'interval',
    outcome,
    grantedPermissions: ['Directory.Read.All', 'ActivityFeed.Read'],
    missingPermissions: [],
    auditLog: 'on',
    cause: null,
    reason: null,
    details: null,
    ...more
  }
}

const steadyHistory = [
  heartbeat('h5', 2, 'connected'),
  heartbeat('h4', 7, 'connected'),
  heartbeat('h3', 12, 'connected', { trigger: 'checkNow', durationMs: 1280 }),
  heartbeat('h2', 17, 'connected'),
  heartbeat('h1', 60, 'connected', { trigger: 'connect' })
]

const missingActivityFeed = heartbeat('h6', 2, 'additionalSetupRequired', {
  grantedPermissions: ['Directory.Read.All'],
  missingPermissions: ['ActivityFeed.Read'],
  auditLog: null,
  reason: 'The tenant-wide grant lacks ActivityFeed.Read, which this release of the console needs.',
  details: { code: 'PermissionMissing', requestId: '6a1f0c2e-5b7d-4e3a-9c8b-1d2e3f4a5b6c' }
})

function statusWith(more: Record<string, unknown> = {}) {
  return {
    recentHeartbeats: steadyHistory,
    nextHeartbeatAt: new Date(Date.now() + 3 * 60_000).toISOString(),
    checking: false,
    permissions: [
      { ...directoryRead, state: 'granted' },
      { ...activityFeedRead, state: 'granted' }
    ],
    grant: { step: 'idle' },
    ...more
  }
}

const additionalSetupStatus = (grant: unknown = { step: 'idle' }) =>
  statusWith({
    recentHeartbeats: [missingActivityFeed, ...steadyHistory.slice(1)],
    permissions: [
      { ...directoryRead, state: 'granted' },
      { ...activityFeedRead, state: 'missing' }
    ],
    grant
  })

const additionalSetupConnection = () => connectionAs('additionalSetupRequired', { grantedPermissions: ['Directory.Read.All'] })

/** The status dialog as the tile's status link opens it, with main's answers faked. */
async function openStatusDialog(page: Page, connection: Record<string, unknown>, status: unknown) {
  await answer(page, 'getMicrosoft365Status', status)
  await openConnectedCloudApplications(page, connection)
  await page.getByRole('article', { name: 'Microsoft 365' }).getByRole('button', { name: /^Connected/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Microsoft 365 connection status' })
  await expect(dialog).toBeVisible()
  return dialog
}

async function openThreeDotMenu(page: Page) {
  await openConnectedCloudApplications(page)
  await page.getByRole('button', { name: 'More actions for Microsoft 365' }).click()
  await expect(page.getByRole('menu')).toBeVisible()
}

const screens: Record<string, (page: Page) => Promise<void>> = {
  'the start screen': openStartScreen,
  'the Control Panel': openControlPanel,
  'Cloud Applications with its banner': async (page) => {
    await openCloudApplications(page)
    await expect(page.getByRole('complementary', { name: 'Why connect' })).toBeVisible()
    await expect(page.getByRole('article', { name: 'Microsoft 365' }).getByRole('status')).toHaveText('Not connected')
  },
  'the Connect cloud applications dialog': openConnectCloudApplications,
  'the Connect to Microsoft 365 dialog': openConnectMicrosoft365,
  'Cloud Applications when the list cannot be loaded': async (page) => {
    await fakeAnswer(page, 'listCloudApplications', { ok: false, error: { code: 'failed', message: 'The state file is locked by another program.' } })
    await openCloudApplications(page)
    await expect(page.getByRole('alert')).toContainText('Cloud applications could not be loaded.')
  },
  'the notice area with a notice and a failed dismiss': async (page) => {
    const notice = { kind: 'stateRecovered', id: 'stateRecovered:axe', backupFile: '/data/console-state.unreadable-axe.json', reason: 'Unexpected end of JSON input' }
    await answer(page, 'listNotices', [notice])
    await page.route('**/api/invoke/dismissNotice', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'stateNotSaved', message: 'The console could not save its data. Check that its data folder is writable.' } })
      })
    )
    await openStartScreen(page)
    const notices = page.getByRole('region', { name: 'Notices' })
    await notices.getByRole('button', { name: 'Dismiss: Saved console data could not be read' }).click()
    await expect(notices.getByRole('alert')).toContainText('The notice could not be dismissed.')
  },
  'Connect to Microsoft 365 while it waits for the browser': async (page) => {
    const now = Date.now()
    await openConnectMicrosoft365At(page, { step: 'waitingForBrowser', startedAt: new Date(now).toISOString(), deadline: new Date(now + 300_000).toISOString() })
    await expect(page.getByText('Waiting for you to sign in and accept in your browser…')).toBeVisible()
  },
  'Connect to Microsoft 365 while it checks the prerequisites': async (page) => {
    await openConnectMicrosoft365At(page, { step: 'checkingPrerequisites' })
    await expect(page.getByText('Checking prerequisites…')).toBeVisible()
  },
  'Connect to Microsoft 365 after a failed check, with its details open': async (page) => {
    await openConnectMicrosoft365At(page, {
      step: 'failed',
      failure: { kind: 'consentDeclined', title: 'The console’s request for permissions was not accepted.', fix: 'Sign in with a Global Administrator account and select Accept.', details }
    })
    await page.getByRole('dialog').getByText('Details').click()
    await expect(page.getByRole('dialog').getByText(details.requestId)).toBeVisible()
  },
  'Step 2 when the audit log appears off': async (page) => {
    await openConnectMicrosoft365At(page, { step: 'auditLog', tenant: contoso, account: 'MeganB@contoso.onmicrosoft.com', auditLog: { state: 'appearsOff', details: null }, checking: false })
    await expect(page.getByText('Audit log recording appears to be off.')).toBeVisible()
  },
  'Step 2 when the audit log could not be checked': async (page) => {
    await openConnectMicrosoft365At(page, {
      step: 'auditLog',
      tenant: contoso,
      account: 'MeganB@contoso.onmicrosoft.com',
      auditLog: { state: 'couldNotBeChecked', reason: 'The Office 365 Management Activity API did not answer.', details },
      checking: false
    })
    await expect(page.getByText('The console could not check audit log recording.')).toBeVisible()
  },
  'Cloud Applications with Microsoft 365 connected': openConnectedCloudApplications,
  'the three-dot menu': openThreeDotMenu,
  'Microsoft 365 connection status': async (page) => {
    await openConnectedCloudApplications(page)
    await page.getByRole('article', { name: 'Microsoft 365' }).getByRole('button', { name: /Connected/ }).click()
    await expect(page.getByRole('dialog', { name: 'Microsoft 365 connection status' })).toBeVisible()
  },
  'Microsoft 365 connection status, Connected, with its heartbeat history': async (page) => {
    const dialog = await openStatusDialog(page, connectionAs('connected'), statusWith())
    await expect(dialog.getByText('Last heartbeat', { exact: true })).toBeVisible()
    await expect(dialog.getByRole('row', { name: /ActivityFeed\.Read/ })).toContainText('Granted')
    await expect(dialog.getByRole('table', { name: 'Recent heartbeats' }).getByRole('row')).toHaveCount(steadyHistory.length + 1)
    await expect(dialog.getByRole('button', { name: 'GRANT PERMISSIONS' })).toHaveCount(0)
    // The exact time of the last heartbeat, on keyboard focus.
    const lastHeartbeat = dialog.locator('time.timestamp').first()
    await lastHeartbeat.focus()
    await expect(lastHeartbeat).toHaveText('2 minutes ago')
    await expect(lastHeartbeat).toHaveAccessibleDescription(/\d{4} at /)
    await expect(dialog.getByRole('tooltip')).toBeVisible()
    // Esc hides the tooltip first, keeping focus and the dialog (WCAG 1.4.13); a dialog's next Esc closes it as ever.
    await page.keyboard.press('Escape')
    await expect(dialog.getByRole('tooltip')).toBeHidden()
    await expect(lastHeartbeat).toBeFocused()
    await expect(dialog).toBeVisible()
  },
  'Microsoft 365 connection status, Connected (Additional setup required), with GRANT PERMISSIONS': async (page) => {
    const dialog = await openStatusDialog(page, additionalSetupConnection(), additionalSetupStatus())
    await expect(dialog.getByText('Connected (Additional setup required)').first()).toBeVisible()
    await expect(dialog.getByRole('row', { name: /ActivityFeed\.Read/ })).toContainText('Missing')
    await expect(dialog.getByRole('button', { name: 'GRANT PERMISSIONS' })).toBeVisible()
    await dialog.getByText('Details').click()
    await expect(dialog.getByText('6a1f0c2e-5b7d-4e3a-9c8b-1d2e3f4a5b6c')).toBeVisible()
  },
  'GRANT PERMISSIONS while it waits for the browser': async (page) => {
    const waiting = { step: 'waitingForBrowser', startedAt: minutesAgo(0), deadline: new Date(Date.now() + 300_000).toISOString(), permissions: ['ActivityFeed.Read'] }
    const dialog = await openStatusDialog(page, additionalSetupConnection(), additionalSetupStatus(waiting))
    await expect(dialog.getByText('Waiting for you to accept in your browser…')).toBeVisible()
    await expect(dialog.getByText(/Time left: 0[45]:\d\d/)).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible()
  },
  'GRANT PERMISSIONS after Microsoft granted them': async (page) => {
    const granted = { step: 'granted', at: minutesAgo(0), permissions: ['ActivityFeed.Read'] }
    const dialog = await openStatusDialog(page, additionalSetupConnection(), additionalSetupStatus(granted))
    await expect(dialog.getByText('The changes take effect at the next heartbeat.', { exact: true })).toBeVisible()
    await expect(dialog.getByRole('row', { name: /ActivityFeed\.Read/ })).toContainText('Granted')
    await expect(dialog.getByRole('button', { name: 'GRANT PERMISSIONS' })).toHaveCount(0)
  },
  'GRANT PERMISSIONS after a failure, with its details open': async (page) => {
    const failed = { step: 'failed', title: 'Microsoft did not grant the permissions.', fix: 'Sign in with a Global Administrator account and select Accept.', details }
    const dialog = await openStatusDialog(page, additionalSetupConnection(), additionalSetupStatus(failed))
    await expect(dialog.getByRole('alert')).toContainText('Microsoft did not grant the permissions.')
    await dialog.getByRole('alert').getByText('Details').click()
    await expect(dialog.getByText(details.requestId)).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'GRANT PERMISSIONS' })).toBeVisible()
  },
  'the Reconnect required tile': async (page) => {
    const revoked = heartbeat('h6', 2, 'reconnectRequired', { reason: 'Consent for the console was revoked in the tenant.', details: { code: 'AADSTS65001' } })
    await answer(page, 'getMicrosoft365Status', statusWith({ recentHeartbeats: [revoked, ...steadyHistory.slice(1)] }))
    await openConnectedCloudApplications(page, connectionAs('reconnectRequired'))
    const tile = page.getByRole('article', { name: 'Microsoft 365' })
    await expect(tile.getByRole('status', { name: 'Microsoft 365 status' })).toHaveText('Reconnect required')
    await expect(tile.getByRole('button', { name: 'RECONNECT', exact: true })).toBeVisible()
  },
  'Microsoft 365 connection status, Reconnect required after an offline heartbeat': async (page) => {
    const revoked = heartbeat('h6', 9, 'reconnectRequired', { grantedPermissions: [], reason: 'Consent for the console was revoked in the tenant.', details: { code: 'AADSTS65001' } })
    const offline = heartbeat('h7', 2, 'unreachable', { cause: 'network', reason: 'The console could not reach Microsoft. Check your internet connection.', auditLog: null })
    await answer(
      page,
      'getMicrosoft365Status',
      statusWith({
        recentHeartbeats: [offline, revoked, ...steadyHistory.slice(1)],
        permissions: [
          { ...directoryRead, state: 'missing' },
          { ...activityFeedRead, state: 'missing' }
        ]
      })
    )
    await openConnectedCloudApplications(page, connectionAs('reconnectRequired', { grantedPermissions: [] }))
    await page.getByRole('article', { name: 'Microsoft 365' }).getByRole('button', { name: 'Reconnect required' }).click()
    const dialog = page.getByRole('dialog', { name: 'Microsoft 365 connection status' })
    // RECONNECT is the one way on; the reason is the sign-in's, not the later offline heartbeat's.
    await expect(dialog.getByRole('button', { name: 'RECONNECT', exact: true })).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'GRANT PERMISSIONS' })).toHaveCount(0)
    await expect(dialog).toContainText('Consent for the console was revoked in the tenant.')
    await expect(dialog).not.toContainText('Check your internet connection')
  },
  'Connect to Microsoft 365 as a reconnect': async (page) => {
    await openConnectedCloudApplications(page, connectionAs('reconnectRequired'))
    await page.getByRole('article', { name: 'Microsoft 365' }).getByRole('button', { name: 'RECONNECT', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Connect to Microsoft 365' })
    await expect(dialog).toHaveAccessibleDescription(/Reconnect to Contoso/)
    await expect(dialog.getByRole('button', { name: 'CONNECT', exact: true })).toBeEnabled()
  },
  'the Unreachable tile with the offline notice': async (page) => {
    const since = minutesAgo(20)
    const lastHeartbeatAt = minutesAgo(25)
    await answer(page, 'listNotices', [{ kind: 'offline', id: 'offline', since, lastHeartbeatAt }])
    await openConnectedCloudApplications(page, connectionAs('unreachable', { since, lastKnownStatus: 'connected', lastHeartbeatAt }))
    const tile = page.getByRole('article', { name: 'Microsoft 365' })
    await expect(tile.getByRole('status', { name: 'Microsoft 365 status' })).toHaveText(/^Unreachable since .+ · last known: Connected$/)
    await expect(tile).toContainText('Last heartbeat 25 minutes ago')
    await expect(page.getByRole('region', { name: 'Notices' })).toContainText('You are offline.')
  },
  'Microsoft 365 connection status asking to disconnect': async (page) => {
    await openThreeDotMenu(page)
    await page.getByRole('menuitem', { name: 'Disconnect' }).click()
    await expect(page.getByRole('button', { name: 'YES, DISCONNECT' })).toBeVisible()
  },
  'Settings': async (page) => {
    await openControlPanel(page)
    await page.getByRole('button', { name: /Settings/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    await page.getByRole('textbox', { name: 'Application (client) ID' }).fill('not a guid')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByRole('textbox', { name: 'Application (client) ID' })).toHaveAttribute('aria-invalid', 'true')
  },
  'Settings set by the environment': async (page) => {
    await answer(page, 'getSettings', {
      clientId: { value: '0f1e2d3c-4b5a-4968-8776-655443322110', source: 'environment' },
      cloud: { value: null, source: 'environment' },
      effective: 'tenant',
      editable: false,
      lockedReason: 'The environment sets the client ID and the endpoints (M365_CLIENT_ID and M365_*_ENDPOINT), so they cannot be changed here.',
      updateChecks: { value: false, source: 'environment' },
      heartbeatInterval: { seconds: 2, source: 'environment' }
    })
    await openControlPanel(page)
    await page.getByRole('button', { name: /Settings/ }).click()
    await expect(page.getByText(/M365_CLIENT_ID/).first()).toBeVisible()
    const interval = page.getByRole('combobox', { name: 'Heartbeat interval' })
    await expect(interval).toBeDisabled()
    await expect(interval).toHaveAccessibleDescription(/Every 2 seconds \(set by CONSOLE_HEARTBEAT_SECONDS\)/)
  },
  'Settings with the heartbeat interval': async (page) => {
    await openControlPanel(page)
    await page.getByRole('button', { name: /Settings/ }).click()
    const interval = page.getByRole('combobox', { name: 'Heartbeat interval' })
    await expect(interval).toBeEnabled()
    await expect(interval.getByRole('option')).toHaveText(['Every minute', 'Every 5 minutes', 'Every 10 minutes', 'Every 15 minutes', 'Every 30 minutes', 'Every hour'])
  },
  'the notice for an unavailable keychain': async (page) => {
    await answer(page, 'listNotices', [{ kind: 'keychainUnavailable', id: 'keychainUnavailable', reason: 'The system keychain could not be reached.' }])
    await openStartScreen(page)
    await expect(page.getByRole('region', { name: 'Notices' })).toContainText(/keychain/i)
  }
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in the ${colorScheme} theme`, () => {
    test.use({ colorScheme })

    test('the page that asks a browser without the session to open the printed URL has no WCAG A or AA violations', async ({ browser, baseURL }) => {
      const stranger = await browser.newContext({ colorScheme, storageState: { cookies: [], origins: [] } })
      try {
        const page = await stranger.newPage()
        await page.goto(baseURL ?? '/')
        await expect(page.getByRole('heading', { level: 1, name: 'This browser has no session of this preview' })).toBeVisible()
        await expectNoAxeViolations(page, `the sign-in-required page (${colorScheme})`)
      } finally {
        await stranger.close()
      }
    })

    for (const [screen, open] of Object.entries(screens)) {
      test(`${screen} has no WCAG A or AA violations`, async ({ page }) => {
        await open(page)
        await expectNoAxeViolations(page, `${screen} (${colorScheme})`)
      })
    }
  })
}

/** The README shows the status dialog in its two connected states; these are taken from the same faked answers. */
test.describe('screenshots of Microsoft 365 connection status', () => {
  test.use({ colorScheme: 'light', viewport: { width: 1280, height: 1240 } })

  test('Connected, and Connected (Additional setup required) with GRANT PERMISSIONS', async ({ page }, testInfo) => {
    let dialog = await openStatusDialog(page, connectionAs('connected'), statusWith())
    await expect(dialog.getByRole('table', { name: 'Recent heartbeats' })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('status-dialog-connected.png') })

    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await stopFakingAnswers(page)
    dialog = await openStatusDialog(page, additionalSetupConnection(), additionalSetupStatus())
    await expect(dialog.getByRole('button', { name: 'GRANT PERMISSIONS' })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('status-dialog-additional-setup.png') })
  })
})
