import { AxeBuilder } from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

/**
 * Every screen and dialog, in both themes, must have no violation that axe finds of WCAG 2.0, 2.1 and
 * 2.2 at levels A and AA. Colour contrast is the one that a theme change can break unseen, which is
 * why each screen runs in light and in dark.
 */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** One line per failing element, so a failure says what broke, where, and why, without opening a report. */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}\n` +
        `  at ${node.target.join(' ')}\n` +
        `  ${(node.failureSummary ?? '').replaceAll('\n', '\n  ')}`
    )
  )
}

async function expectNoAxeViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze()
  expect(describeViolations(results.violations), `axe violations on ${screen}`).toEqual([])
  // axe found nothing wrong; make sure that is because it looked at the screen and not at a blank page.
  expect(results.passes.length, `axe checks that passed on ${screen}`).toBeGreaterThan(0)
}

async function openStartScreen(page: Page) {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Control Panel' })).toBeVisible()
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
    await page.route('**/api/invoke/listCloudApplications', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'failed', message: 'The state file is locked by another program.' } })
      })
    )
    await openCloudApplications(page)
    await expect(page.getByRole('alert')).toContainText('Cloud applications could not be loaded.')
  },
  'the notice area with a notice and a failed dismiss': async (page) => {
    const notice = { kind: 'stateRecovered', id: 'stateRecovered:axe', backupFile: '/data/console-state.unreadable-axe.json', reason: 'Unexpected end of JSON input' }
    await page.route('**/api/invoke/listNotices', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { revision: 1_000_000, value: [notice] } }) })
    )
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
