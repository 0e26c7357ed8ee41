import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createConsoleServices } from '../src/main/composition.ts'
import { createDispatcher } from '../src/main/ipc/dispatcher.ts'
import { createSenderPolicy } from '../src/main/ipc/sender-policy.ts'
import { silentLogger } from '../src/main/logger.ts'
import { openConfStateFile } from '../src/main/state/conf-state-file.ts'
import { makeTempDir } from '../tests/support/temp-dir.ts'

/** `npm run bench`: figures, not verdicts. Sizes need `npm run build` first. */
function measure(label: string, runs: number, work: () => unknown): void {
  for (let i = 0; i < Math.min(200, runs); i += 1) work()
  const start = process.hrtime.bigint()
  for (let i = 0; i < runs; i += 1) work()
  const nanos = Number(process.hrtime.bigint() - start)
  console.log(`${label.padEnd(48)} ${(nanos / runs / 1000).toFixed(2).padStart(9)} µs/op  (${runs} runs)`)
}

async function measureAsync(label: string, runs: number, work: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(200, runs); i += 1) await work()
  const start = process.hrtime.bigint()
  for (let i = 0; i < runs; i += 1) await work()
  const nanos = Number(process.hrtime.bigint() - start)
  console.log(`${label.padEnd(48)} ${(nanos / runs / 1000).toFixed(2).padStart(9)} µs/op  (${runs} runs)`)
}

const dir = makeTempDir('console-bench')
try {
  const started = process.hrtime.bigint()
  const services = createConsoleServices({ dataDir: dir.path, openStateFile: openConfStateFile, logger: silentLogger })
  console.log(`${'composition root start-up (first launch)'.padEnd(48)} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(2).padStart(9)} ms`)

  const dispatch = createDispatcher(services.handlers, createSenderPolicy({ devServerUrl: 'http://127.0.0.1:1/' }), silentLogger)
  const sender = { url: 'http://127.0.0.1:1/' }
  await measureAsync('IPC call listCloudApplications (validated)', 20_000, () => dispatch('listCloudApplications', [], sender))
  await measureAsync('IPC call refused for invalid arguments', 20_000, () => dispatch('dismissNotice', [42], sender))
  measure('state file open + load (conf, on disk)', 500, () => createConsoleServices({ dataDir: dir.path, openStateFile: openConfStateFile, logger: silentLogger }))
} finally {
  dir.remove()
}

const root = join(import.meta.dirname, '..')
for (const folder of ['out/main', 'out/preload', 'out/renderer', 'out/preview']) {
  const path = join(root, folder)
  if (!existsSync(path)) {
    console.log(`${folder.padEnd(48)} not built (run npm run build)`)
    continue
  }
  const files = readdirSync(path, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
  const bytes = files.reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)
  const gzipped = files.reduce((sum, entry) => sum + gzipSync(readFileSync(join(entry.parentPath, entry.name))).length, 0)
  console.log(`${`${folder} size`.padEnd(48)} ${(bytes / 1024).toFixed(1).padStart(9)} KiB  (${(gzipped / 1024).toFixed(1)} KiB gzipped, ${files.length} files)`)
}
