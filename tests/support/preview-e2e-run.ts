import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface PreviewE2eRun {
  port: number
  baseUrl: string
  dataDir: string
  /** Where global setup saves the browser session that every test starts with. */
  sessionFile: string
}

/**
 * The preview that the end-to-end run shares. The port is chosen once in the runner; its workers load
 * the config again and inherit the choice through the environment.
 */
export function previewE2eRun(): PreviewE2eRun {
  process.env.E2E_PREVIEW_PORT ??= String(47300 + Math.floor(Math.random() * 500))
  const port = Number(process.env.E2E_PREVIEW_PORT)
  const scratch = process.env.TMPDIR ?? tmpdir()
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}/`,
    dataDir: join(scratch, `console-e2e-${port}`),
    sessionFile: join(scratch, `console-e2e-${port}-session.json`)
  }
}
