import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire, Module } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { formatGateCsv, formatGateTable, judgeFindings, parseAcceptedList, type Finding } from './security-gate-findings.ts'

/**
 * The security gate: Electronegativity over the product's Electron code (src/main, src/preload,
 * src/renderer). Every finding must be explained in .ci/electronegativity-accepted.json, and every
 * explanation there must still match a finding; otherwise this exits 1. Writes reports/electronegativity.csv.
 *
 * How it runs Electronegativity, and why:
 * - Over the TypeScript source, not the built out/. Electronegativity 1.10 parses .ts and .tsx itself,
 *   with @babel/parser's `typescript` and `jsx` plugins (typescript-estree as a fallback), so no build
 *   and no `-p` parser plugins are needed, and findings point at source lines. A file it cannot parse
 *   would silently go unchecked, so any parse error fails the gate.
 * - Through its programmatic API (dist/runner.js), not the CLI: the CLI only prints parse errors and
 *   writes its CSV with unawaited writes; the API returns the findings and the errors.
 * - In one run over a copy of the three folders, kept at their paths under src/. The global checks
 *   (CSP, navigation limits, the permission handler) judge all the files of a run together: three runs
 *   would each report the handlers the other folders hold as missing, and a run over all of src/
 *   would mix in the web preview and the sandbox tenant, which are not the shipped Electron app.
 * - With the Electron version from the installed node_modules/electron (present after `npm ci` even
 *   where the binary is not downloaded). The checks judge webPreferences against that version's defaults.
 * - Offline. At start it fetches translations, and AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK fetches
 *   Electron's release list, with got 11, whose retry after a timeout crashes the process where there
 *   is no network ("The `onCancel` handler was attached after the promise settled"). Its got is
 *   replaced with one that refuses at once (the bundled English texts are used), and that check is
 *   skipped: it only compares the Electron version with the newest release, which is a dependency
 *   update question (npm outdated, Dependabot), not a finding in this code, and would make CI depend
 *   on the network and on the day it runs.
 */

const root = join(import.meta.dirname, '..')
const scannedFolders = ['src/main', 'src/preload', 'src/renderer']
const skippedChecks = ['AvailableSecurityFixesGlobalCheck']
const acceptedListFile = '.ci/electronegativity-accepted.json'
const reportFile = 'reports/electronegativity.csv'

interface ElectronegativityIssue {
  id: string
  file: string
  location: { line: number; column: number }
  severity: { name: string }
  confidence: { name: string }
  manualReview: boolean
  sample?: string
  description: string
}

interface ElectronegativityResult {
  errors: { file: string; message: string; tolerable: boolean }[]
  issues: ElectronegativityIssue[]
}

type Run = (
  options: {
    input: string
    isRelative: boolean
    customScan: string[]
    excludeFromScan: string[]
    electronVersionOverride: string
    parserPlugins: string[]
  },
  forCli: false
) => Promise<ElectronegativityResult>

/** got's default export, as Electronegativity calls it: every request fails at once. */
function offlineGot(): Promise<never> {
  return Promise.reject(new Error('the security gate runs Electronegativity offline'))
}
offlineGot.head = offlineGot

function loadElectronegativity(): Run {
  const fromRoot = createRequire(join(root, 'package.json'))
  const runnerFile = fromRoot.resolve('@doyensec/electronegativity')
  const fromElectronegativity = createRequire(runnerFile)
  const gotFile = fromElectronegativity.resolve('got')
  const stub = new Module(gotFile)
  stub.exports = offlineGot
  stub.loaded = true
  fromElectronegativity.cache[gotFile] = stub
  const runner = fromElectronegativity(runnerFile) as Run | { default: Run }
  return typeof runner === 'function' ? runner : runner.default
}

function installedElectronVersion(): string {
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  return version
}

async function scan(): Promise<ElectronegativityResult> {
  const copy = mkdtempSync(join(tmpdir(), 'security-gate-'))
  try {
    for (const folder of scannedFolders) cpSync(join(root, folder), join(copy, folder), { recursive: true })
    const run = loadElectronegativity()
    // The refused translations fetch prints this once; the bundled English texts are what we want anyway.
    const log = console.log
    console.log = (...args: unknown[]) => {
      if (args[0] !== 'Could not retrieve updated translations for the current locale') log(...args)
    }
    const result = await run(
      {
        input: copy,
        isRelative: true,
        customScan: [],
        excludeFromScan: skippedChecks.map((check) => check.toLowerCase()),
        electronVersionOverride: installedElectronVersion(),
        parserPlugins: []
      },
      false
    ).finally(() => {
      console.log = log
    })
    // With isRelative, the issues' files are relative to the copy, which keeps the repository's paths.
    const asRepoPath = (file: string) => file.split(sep).join('/')
    return {
      errors: result.errors.map((error) => ({ ...error, file: relative(copy, error.file).split(sep).join('/') })),
      issues: result.issues.map((issue) => ({ ...issue, file: asRepoPath(issue.file) }))
    }
  } finally {
    rmSync(copy, { recursive: true, force: true })
  }
}

const { errors, issues } = await scan()
const findings: Finding[] = issues
  .map((issue) => ({
    check: issue.id,
    file: issue.file,
    line: issue.location.line,
    column: issue.location.column,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    manualReview: issue.manualReview,
    ...(typeof issue.sample === 'string' ? { sample: issue.sample } : {}),
    description: issue.description
  }))
  .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.check.localeCompare(b.check))

const accepted = parseAcceptedList(JSON.parse(readFileSync(join(root, acceptedListFile), 'utf8')), acceptedListFile)
const result = judgeFindings(findings, accepted)

mkdirSync(join(root, 'reports'), { recursive: true })
writeFileSync(join(root, reportFile), formatGateCsv(result))

console.log(`Electronegativity over ${scannedFolders.join(', ')} (Electron ${installedElectronVersion()}; skipped: ${skippedChecks.join(', ')})`)
console.log(formatGateTable(result))
for (const error of errors) console.error(`could not parse ${error.file}, so it was not checked: ${error.message}`)

const unexplained = result.verdicts.filter((verdict) => !verdict.acceptedBy).length
if (result.passed && errors.length === 0) {
  console.log(`Security gate passed: ${findings.length} findings, each explained in ${acceptedListFile}. Report: ${reportFile}`)
} else {
  console.error(
    `Security gate FAILED: ${unexplained} unexplained findings, ${result.stale.length} stale explanations, ${errors.length} files not parsed. ` +
      `Fix the code, or add { "check", "file", "reason" } to ${acceptedListFile} saying why the finding does not apply. Report: ${reportFile}`
  )
  process.exitCode = 1
}
