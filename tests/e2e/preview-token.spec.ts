import { expect, test } from '@playwright/test'
import { startPreviewProcess, type PreviewProcess } from '../support/preview-process.ts'
import { makeTempDir } from '../support/temp-dir.ts'

// These tests are the browsers that arrive with nothing: not even the shared run's session.
test.use({ storageState: { cookies: [], origins: [] } })

let preview: PreviewProcess
const dataDir = makeTempDir('console-e2e-token')

// A preview of its own: the shared one's token was spent in global setup.
test.beforeAll(async () => {
  preview = await startPreviewProcess({ env: { ...process.env, PORT: '0', CONSOLE_DATA_DIR: dataDir.path } })
})
test.afterAll(async () => {
  await preview?.stop()
  dataDir.remove()
})

test('the printed URL opens the console in a fresh browser, leaves no token in the address bar, and works only once', async ({ page, browser }) => {
  await page.goto(preview.tokenUrl)
  await expect(page).toHaveURL(preview.url)
  expect(page.url()).not.toContain('token')
  const mainNavigation = page.getByRole('navigation', { name: 'Main' })
  await mainNavigation.getByRole('button', { name: 'Control Panel' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Control Panel' })).toBeVisible()

  // A reload keeps the session; the cookie carries it, not the URL.
  await page.reload()
  await expect(mainNavigation.getByRole('button', { name: 'Control Panel' })).toBeVisible()

  const secondBrowser = await browser.newContext({ storageState: { cookies: [], origins: [] } })
  try {
    const latecomer = await secondBrowser.newPage()
    const reply = await latecomer.goto(preview.tokenUrl)
    expect(reply?.status()).toBe(401)
    await expect(latecomer.getByText('Open the URL the preview printed in its terminal')).toBeVisible()
    await expect(latecomer.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
    expect(await secondBrowser.cookies()).toEqual([])
  } finally {
    await secondBrowser.close()
  }
})

test('the bare address, without the printed token, shows how to get in and sets no cookie', async ({ page, context }) => {
  const reply = await page.goto(preview.url)
  expect(reply?.status()).toBe(401)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This browser has no session of this preview')
  await expect(page.getByText('restart the preview')).toBeVisible()
  expect(await context.cookies()).toEqual([])
})
