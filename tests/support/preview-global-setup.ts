import { rmSync } from 'node:fs'
import { request } from '@playwright/test'
import { previewE2eRun } from './preview-e2e-run.ts'
import { startPreviewProcess } from './preview-process.ts'

/**
 * Builds and starts the web preview once for the run, opens the URL it prints as a person would, and
 * saves the session cookie that this gives, so that every test can start at `page.goto('/')`.
 * Returns the teardown, which stops the preview.
 */
export default async function startSharedPreview(): Promise<() => Promise<void>> {
  const run = previewE2eRun()
  const preview = await startPreviewProcess({
    buildFirst: true,
    env: { ...process.env, PORT: String(run.port), CONSOLE_DATA_DIR: run.dataDir },
    timeoutMs: 180_000
  })
  const removeScratch = () => {
    rmSync(run.dataDir, { recursive: true, force: true })
    rmSync(run.sessionFile, { force: true })
  }
  try {
    const browserless = await request.newContext()
    const reply = await browserless.get(preview.tokenUrl, { maxRedirects: 0 })
    if (reply.status() !== 303) throw new Error(`The printed URL answered ${reply.status()}, not 303: ${await reply.text()}`)
    await browserless.storageState({ path: run.sessionFile })
    await browserless.dispose()
  } catch (error) {
    await preview.stop()
    removeScratch()
    throw error
  }
  return async () => {
    await preview.stop()
    removeScratch()
  }
}
