import { existsSync, readFileSync } from 'node:fs'

/** Prints one closing line for the whole suite, which CI reads, from the runners' JSON reports. */
let passed = 0
let failed = 0
let skipped = 0

const vitest = 'reports/vitest.json'
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
}

const playwright = 'reports/playwright.json'
if (existsSync(playwright)) {
  const { stats } = JSON.parse(readFileSync(playwright, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }
  passed += stats.expected + stats.flaky
  failed += stats.unexpected
  skipped += stats.skipped
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
