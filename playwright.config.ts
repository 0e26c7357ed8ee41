import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './tests/support/chromium.ts'
import { previewE2eRun } from './tests/support/preview-e2e-run.ts'

const preview = previewE2eRun()

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  timeout: 30_000,
  // Builds and starts the preview, and trades its one-time token for the session every test starts with.
  globalSetup: './tests/support/preview-global-setup.ts',
  use: {
    baseURL: preview.baseUrl,
    colorScheme: 'light',
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunchOptions()
  },
  projects: [
    { name: 'web-preview', testMatch: 'e2e/**/*.spec.ts', use: { storageState: preview.sessionFile } },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' }
  ]
})
