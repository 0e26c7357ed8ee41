import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './tests/support/chromium.ts'

// Chosen once in the runner and inherited by its workers, which load this file again.
process.env.E2E_PREVIEW_PORT ??= String(47300 + Math.floor(Math.random() * 500))
const previewPort = Number(process.env.E2E_PREVIEW_PORT)

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${previewPort}/`,
    colorScheme: 'light',
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunchOptions()
  },
  projects: [
    { name: 'web-preview', testMatch: 'e2e/**/*.spec.ts' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' }
  ],
  webServer: {
    command: 'npm run preview:web',
    url: `http://127.0.0.1:${previewPort}/`,
    env: { PORT: String(previewPort), CONSOLE_DATA_DIR: `${process.env.TMPDIR ?? '/tmp'}/console-e2e-${previewPort}` },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe'
  }
})
