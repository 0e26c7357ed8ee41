import { existsSync } from 'node:fs'
import type { LaunchOptions } from '@playwright/test'

/**
 * Debian's Chromium here, a developer's own browser elsewhere; Playwright's download only as a last
 * resort. The flags keep a headless Chromium from phoning home or needing a GPU or a sandbox, which
 * containers lack.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium']
  const executablePath = candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)))
  return {
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
  }
}
