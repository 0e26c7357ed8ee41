import { expect, test, type Page } from '@playwright/test'
import { eventNames, methodNames, subscriptionName } from '../../src/shared/contract.ts'
import { fakeAnswer, stopFakingAnswer } from '../support/faked-answers.ts'

async function openCloudApplications(page: Page) {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Control Panel' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Control Panel' })).toBeVisible()
  await page.getByRole('button', { name: /Cloud Applications/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cloud Applications' })).toBeVisible()
}

const microsoft365Tile = (page: Page) => page.getByRole('article', { name: 'Microsoft 365' })

test('Control Panel leads to Cloud Applications, where Microsoft 365 is not connected', async ({ page }) => {
  await openCloudApplications(page)
  const tile = microsoft365Tile(page)
  await expect(tile.getByRole('img', { name: 'Microsoft 365 logo' })).toBeVisible()
  await expect(tile.getByRole('heading', { name: 'Microsoft 365' })).toBeVisible()
  await expect(tile.getByRole('status', { name: 'Microsoft 365 status' })).toHaveText('Not connected')
  await expect(tile.getByRole('button', { name: 'CONNECT', exact: true })).toBeEnabled()
  await expect(page.getByRole('list', { name: 'Cloud applications' }).getByRole('listitem')).toHaveCount(1)
})

test('+ CONNECT opens Connect cloud applications, and Esc closes it', async ({ page }) => {
  await openCloudApplications(page)
  await page.getByRole('button', { name: '+ CONNECT' }).click()
  const dialog = page.getByRole('dialog', { name: 'Connect cloud applications' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: /Microsoft 365/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: '+ CONNECT' })).toBeFocused()
})

test('the Connect cloud applications dialog works by keyboard alone', async ({ page }) => {
  await openCloudApplications(page)
  const plusConnect = page.getByRole('button', { name: '+ CONNECT' })
  await plusConnect.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Connect cloud applications' })
  await expect(dialog).toBeVisible()

  // Focus stays inside the dialog however far the administrator tabs.
  for (let step = 0; step < 5; step += 1) {
    await page.keyboard.press('Tab')
    await expect(dialog.locator(':focus')).toHaveCount(1)
  }
  await dialog.getByRole('button', { name: 'Close' }).focus()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(plusConnect).toBeFocused()
})

test('choosing Microsoft 365 opens Connect to Microsoft 365 with its prerequisites', async ({ page }) => {
  await openCloudApplications(page)
  await page.getByRole('button', { name: '+ CONNECT' }).click()
  await page.getByRole('dialog', { name: 'Connect cloud applications' }).getByRole('button', { name: /Microsoft 365/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Connect to Microsoft 365' })
  await expect(dialog).toBeVisible()
  await expect(page.getByRole('dialog', { name: 'Connect cloud applications' })).toBeHidden()
  await expect(dialog.getByText('A Microsoft 365 “Business Basic” subscription or higher')).toBeVisible()
  await expect(dialog.getByText('Full administrator access (Global Administrator)')).toBeVisible()
  await expect(dialog.getByRole('heading', { name: 'Step 1' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'CONNECT', exact: true })).toBeEnabled()
  // No client ID is set for the shared preview, so sign-in uses the built-in sandbox, and says so.
  await expect(dialog.getByText('Sign-in uses the built-in sandbox tenant: a demo with made-up tenants and no real data.')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: '+ CONNECT' })).toBeFocused()
})

test('a Microsoft link opens outside the console, in a new tab in the preview', async ({ page }) => {
  await openCloudApplications(page)
  await microsoft365Tile(page).getByRole('button', { name: 'CONNECT', exact: true }).click()
  const link = page.getByRole('dialog', { name: 'Connect to Microsoft 365' }).getByRole('link', { name: /Your products in the Microsoft 365 admin center/ })
  await expect(link).toHaveAttribute('target', '_blank')
  // The tab cannot load Microsoft's page here; that it opened, and where to, is what matters.
  await page.context().route('https://admin.microsoft.com/**', (route) => route.fulfill({ status: 200, body: 'admin center' }))
  const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()])
  await expect.poll(() => tab.url()).toContain('https://admin.microsoft.com/Adminportal/Home')
  await expect(page.getByRole('dialog', { name: 'Connect to Microsoft 365' })).toBeVisible()
})

test('the tile’s CONNECT opens Connect to Microsoft 365', async ({ page }) => {
  await openCloudApplications(page)
  await microsoft365Tile(page).getByRole('button', { name: 'CONNECT', exact: true }).click()
  await expect(page.getByRole('dialog', { name: 'Connect to Microsoft 365' })).toBeVisible()
})

test('the banner explains connecting and offers its own CONNECT', async ({ page }) => {
  await openCloudApplications(page)
  const banner = page.getByRole('complementary', { name: 'Why connect' })
  await expect(banner).toContainText('Global Administrator')
  await banner.getByRole('button', { name: 'CONNECT', exact: true }).click()
  await expect(page.getByRole('dialog', { name: 'Connect to Microsoft 365' })).toBeVisible()
})

test('the breadcrumb leads back to the Control Panel', async ({ page }) => {
  await openCloudApplications(page)
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'Control Panel' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Control Panel' })).toBeVisible()
})

const pageBackground = { light: 'rgb(246, 247, 251)', dark: 'rgb(11, 16, 32)' }

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the theme follows the OS (${colorScheme}), with a screenshot`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme })
    await openCloudApplications(page)
    await expect(microsoft365Tile(page)).toBeVisible()
    const path = testInfo.outputPath(`cloud-applications-${colorScheme}.png`)
    await page.screenshot({ path })
    await testInfo.attach(`cloud-applications-${colorScheme}`, { path, contentType: 'image/png' })
    await expect(page.locator('html')).toHaveCSS('background-color', pageBackground[colorScheme])
  })
}

test('when main cannot answer, the page says so and TRY AGAIN recovers', async ({ page }) => {
  await fakeAnswer(page, 'listCloudApplications', { ok: false, error: { code: 'failed', message: 'The state file is locked by another program.' } })
  await openCloudApplications(page)
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('Cloud applications could not be loaded.')
  await expect(alert).toContainText('The state file is locked by another program.')
  await expect(page.getByRole('article', { name: 'Microsoft 365' })).toHaveCount(0)

  await stopFakingAnswer(page, 'listCloudApplications')
  await alert.getByRole('button', { name: 'TRY AGAIN' }).click()
  await expect(page.getByRole('alert')).toBeHidden()
  await expect(microsoft365Tile(page).getByRole('status')).toHaveText('Not connected')
})

test('the preview gives the page the same window.api as the preload, and nothing else', async ({ page }) => {
  await page.goto('/')
  const exposed = await page.evaluate(() => {
    const api = (window as unknown as { api: Record<string, unknown> }).api
    return { keys: Object.keys(api).sort(), frozen: Object.isFrozen(api), hasRequire: 'require' in window }
  })
  expect(exposed).toEqual({ keys: [...methodNames, ...eventNames.map(subscriptionName)].sort(), frozen: true, hasRequire: false })
})
