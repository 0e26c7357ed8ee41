import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

/** A preview of its own, started on a data folder whose state file is damaged. */
async function startPreview(dataDir: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['src/preview/main.ts'], {
    env: { ...process.env, PORT: '0', CONSOLE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n').find((candidate) => /^http:\/\/127\.0\.0\.1:\d+\/$/.test(candidate.trim()))
      if (line) resolve(line.trim())
    })
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${output}`)))
  })
  return { url, process: child }
}

test('an unreadable state file is kept aside, and the console says so', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-e2e-unreadable-'))
  const damaged = '{"connections": {"microsoft365": '
  writeFileSync(join(dataDir, 'console-state.json'), damaged)
  const preview = await startPreview(dataDir)
  try {
    // Even when the list itself fails to load, the notice about the recovered data still shows.
    await page.route('**/api/invoke/listCloudApplications', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'failed', message: 'Busy.' } }) })
    )
    await page.goto(preview.url)
    const notices = page.getByRole('region', { name: 'Notices' })
    await expect(notices.getByRole('status')).toContainText('Saved console data could not be read')
    await expect(notices).toContainText('console-state.unreadable-')
    await page.getByRole('button', { name: /Cloud Applications/ }).click()
    await expect(page.getByRole('alert')).toContainText('Cloud applications could not be loaded.')
    await page.unroute('**/api/invoke/listCloudApplications')
    await page.getByRole('button', { name: 'TRY AGAIN' }).click()
    await expect(page.getByRole('article', { name: 'Microsoft 365' }).getByRole('status')).toHaveText('Not connected')

    const backup = readdirSync(dataDir).find((name) => name.startsWith('console-state.unreadable-'))
    expect(backup).toBeDefined()
    expect(readFileSync(join(dataDir, backup ?? ''), 'utf8')).toBe(damaged)

    await notices.getByRole('button', { name: /Dismiss/ }).click()
    await expect(page.getByRole('region', { name: 'Notices' })).toBeHidden()
  } finally {
    preview.process.kill()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
