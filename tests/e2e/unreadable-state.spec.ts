import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { fakeAnswer, stopFakingAnswer } from '../support/faked-answers.ts'
import { startPreviewProcess } from '../support/preview-process.ts'

test('an unreadable state file is kept aside, and the console says so', async ({ page }) => {
  // It starts a preview of its own, which takes a while on a busy machine.
  test.setTimeout(60_000)
  const dataDir = mkdtempSync(join(tmpdir(), 'console-e2e-unreadable-'))
  const damaged = '{"connections": {"microsoft365": '
  writeFileSync(join(dataDir, 'console-state.json'), damaged)
  // A preview of its own, started on a data folder whose state file is damaged.
  const preview = await startPreviewProcess({ env: { ...process.env, PORT: '0', CONSOLE_DATA_DIR: dataDir } })
  try {
    // Even when the list itself fails to load, the notice about the recovered data still shows.
    await fakeAnswer(page, 'listCloudApplications', { ok: false, error: { code: 'failed', message: 'Busy.' } })
    await page.goto(preview.tokenUrl)
    const notices = page.getByRole('region', { name: 'Notices' })
    await expect(notices.getByRole('status')).toContainText('Saved console data could not be read')
    await expect(notices).toContainText('console-state.unreadable-')
    await page.getByRole('button', { name: /Cloud Applications/ }).click()
    await expect(page.getByRole('alert')).toContainText('Cloud applications could not be loaded.')
    await stopFakingAnswer(page, 'listCloudApplications')
    await page.getByRole('button', { name: 'TRY AGAIN' }).click()
    await expect(page.getByRole('article', { name: 'Microsoft 365' }).getByRole('status')).toHaveText('Not connected')

    const backup = readdirSync(dataDir).find((name) => name.startsWith('console-state.unreadable-'))
    expect(backup).toBeDefined()
    expect(readFileSync(join(dataDir, backup ?? ''), 'utf8')).toBe(damaged)

    await notices.getByRole('button', { name: /Dismiss/ }).click()
    await expect(page.getByRole('region', { name: 'Notices' })).toBeHidden()
  } finally {
    await preview.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
