import { expect, test, type Page } from '@playwright/test'
import { fakeAnswer } from '../support/faked-answers.ts'

/** A notice the page must show, served in place of main's answer, with a revision newer than any event so far. */
const recoveredNotice = {
  kind: 'stateRecovered',
  id: 'stateRecovered:e2e',
  backupFile: '/data/console-state.unreadable-e2e.json',
  reason: 'Unexpected end of JSON input'
}

async function serveOneNotice(page: Page) {
  await fakeAnswer(page, 'listNotices', { ok: true, value: { revision: 1_000_000, value: [recoveredNotice] } })
}

test('a dismiss that main refuses says why in the notice area, and the notice stays', async ({ page }) => {
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await serveOneNotice(page)
  await page.route('**/api/invoke/dismissNotice', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'stateNotSaved', message: 'The console could not save its data. Check that its data folder is writable.' } })
    })
  )
  await page.goto('/')
  const notices = page.getByRole('region', { name: 'Notices' })
  await expect(notices.getByRole('status')).toContainText('Saved console data could not be read')

  await notices.getByRole('button', { name: 'Dismiss: Saved console data could not be read' }).click()
  const alert = notices.getByRole('alert')
  await expect(alert).toContainText('The notice could not be dismissed.')
  await expect(alert).toContainText('Check that its data folder is writable.')
  await expect(notices.getByRole('status')).toContainText('Saved console data could not be read')

  await alert.getByRole('button', { name: /Dismiss/ }).click()
  await expect(notices.getByRole('alert')).toBeHidden()
  expect(pageErrors).toEqual([])
})

test('a dismiss that gets no answer at all is shown too, not lost as an unhandled rejection', async ({ page }) => {
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await serveOneNotice(page)
  await page.route('**/api/invoke/dismissNotice', (route) => route.abort('connectionrefused'))
  await page.goto('/')
  const notices = page.getByRole('region', { name: 'Notices' })
  await notices.getByRole('button', { name: 'Dismiss: Saved console data could not be read' }).click()
  await expect(notices.getByRole('alert')).toContainText('The notice could not be dismissed.')
  expect(pageErrors).toEqual([])
})
