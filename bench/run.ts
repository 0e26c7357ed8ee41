import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus, totalmem, release, platform } from 'node:os'
import { join } from 'node:path'
import { enforcedMisses, renderResults, type Section } from './bench-report.ts'
import { benchBundleSize } from './bundle-size.ts'
import { benchConnectFlow } from './connect-flow.ts'
import { benchConsoleInternals } from './console-internals.ts'
import { benchHeartbeatSoak } from './heartbeat-soak.ts'
import { benchHeartbeatWireCost } from './heartbeat-wire-cost.ts'
import { benchStateAtFirstPaint } from './state-at-first-paint.ts'

/**
 * `npm run bench`: builds, then measures the console against the sandbox tenant on loopback and
 * writes `bench/RESULTS.md`. It exits non-zero when an enforced target (the bundle budgets) is
 * missed or a benchmark could not run; the tests never depend on these figures.
 */
const root = join(import.meta.dirname, '..')
const benchmarks: ReadonlyArray<[string, () => Promise<Section>]> = [
  ['Heartbeat wire cost', benchHeartbeatWireCost],
  ['State at first paint', benchStateAtFirstPaint],
  ['Bundle size', benchBundleSize],
  ['Heartbeat soak', benchHeartbeatSoak],
  ['Connect flow without the human', benchConnectFlow],
  ['Console internals', benchConsoleInternals]
]

const only = process.argv.slice(2).map((word) => word.toLowerCase())
const started = performance.now()
const sections: Section[] = []
const broken: string[] = []
for (const [title, bench] of benchmarks) {
  if (only.length > 0 && !only.some((word) => title.toLowerCase().includes(word))) continue
  const sectionStarted = performance.now()
  process.stdout.write(`${title}… `)
  try {
    sections.push(await bench())
    console.log(`${((performance.now() - sectionStarted) / 1000).toFixed(1)} s`)
  } catch (error) {
    console.log('could not run')
    console.error(error)
    broken.push(title)
    sections.push({ title, method: 'This benchmark could not run.', rows: [], notes: [`It failed: ${(error as Error).message}`] })
  }
}

const results = renderResults(
  { description: machineDescription(), date: new Date().toISOString(), commit: commitDescription(), durationSeconds: (performance.now() - started) / 1000 },
  sections
)
// A partial run (named benchmarks only) prints, and leaves the committed results alone.
if (only.length === 0) writeFileSync(join(root, 'bench/RESULTS.md'), results)
console.log(`\n${results}`)

const misses = enforcedMisses(sections)
for (const miss of misses) console.error(`Over budget: ${miss}`)
for (const title of broken) console.error(`Could not run: ${title}`)
process.exitCode = misses.length > 0 || broken.length > 0 ? 1 : 0

function machineDescription(): string {
  const processors = cpus()
  const model = processors[0]?.model.trim() ?? 'unknown processor'
  const memory = `${Math.round(totalmem() / 1024 ** 3)} GiB`
  return `${processors.length} × ${model}, ${memory} memory, ${platform()} ${release()}, Node ${process.versions.node}`
}

function commitDescription(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/RESULTS.md'], { cwd: root, encoding: 'utf8' }).trim() !== ''
    return dirty ? `${commit} with uncommitted changes` : commit
  } catch {
    return 'unknown (not a git checkout)'
  }
}
