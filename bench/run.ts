import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createConsoleServices } from '../src/main/composition.ts'
import { createDispatcher } from '../src/main/ipc/dispatcher.ts'
import { createSenderPolicy } from '../src/main/ipc/sender-policy.ts'
import { silentLogger } from '../src/main/logger.ts'
import { startSandboxTenant } from '../src/sandbox-tenant/sandbox-tenant-server.ts'
import { testConsoleEnvironment } from '../tests/support/console-host.ts'
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
  const services = createConsoleServices(testConsoleEnvironment(dir.path))
  console.log(`${'composition root start-up (first launch)'.padEnd(48)} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(2).padStart(9)} ms`)

  const dispatch = createDispatcher(services.handlers, createSenderPolicy({ devServerUrl: 'http://127.0.0.1:1/' }), silentLogger)
  const sender = { url: 'http://127.0.0.1:1/' }
  await measureAsync('IPC call listCloudApplications (validated)', 20_000, () => dispatch('listCloudApplications', [], sender))
  await measureAsync('IPC call refused for invalid arguments', 20_000, () => dispatch('dismissNotice', [42], sender))
  measure('state file open + load (conf, on disk)', 500, () => createConsoleServices(testConsoleEnvironment(dir.path)))
} finally {
  dir.remove()
}

const root = join(import.meta.dirname, '..')
// The main entry alone, then its lazily loaded chunks (the sandbox tenant), then each whole folder.
for (const target of ['out/main/index.js', 'out/main/chunks', 'out/main', 'out/preload', 'out/renderer', 'out/preview']) {
  const path = join(root, target)
  if (!existsSync(path)) {
    console.log(`${target.padEnd(48)} not built (run npm run build)`)
    continue
  }
  const files = statSync(path).isFile()
    ? [path]
    : readdirSync(path, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0)
  const gzipped = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0)
  console.log(`${`${target} size`.padEnd(48)} ${(bytes / 1024).toFixed(1).padStart(9)} KiB  (${(gzipped / 1024).toFixed(1)} KiB gzipped, ${files.length} files)`)
}

await benchSandboxTenant()

/** The sandbox tenant: start-up (it makes an RSA key) and the cost of answers tests make by the hundred. */
async function benchSandboxTenant(): Promise<void> {
  const started = process.hrtime.bigint()
  const sandbox = await startSandboxTenant()
  console.log(`${'sandbox tenant start-up (RSA key, seed, listen)'.padEnd(48)} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(2).padStart(9)} ms`)
  try {
    const token = sandbox.issueAccessToken({ userPrincipalName: 'MeganB@contoso.onmicrosoft.com', resource: 'graph', scopes: ['User.Read', 'Organization.Read.All'] })
    const headers = { Authorization: `Bearer ${token}` }
    await measureAsync('sandbox GET /v1.0/me over loopback', 2_000, async () => (await fetch(`${sandbox.baseUrl}v1.0/me`, { headers })).text())
    await measureAsync('sandbox GET /v1.0/subscribedSkus over loopback', 2_000, async () => (await fetch(`${sandbox.baseUrl}v1.0/subscribedSkus`, { headers })).text())
    const discovery = `${sandbox.baseUrl}organizations/v2.0/.well-known/openid-configuration`
    await measureAsync('sandbox openid-configuration over loopback', 2_000, async () => (await fetch(discovery)).text())
    measure('sandbox access token signing (RS256)', 2_000, () =>
      sandbox.issueAccessToken({ userPrincipalName: 'MeganB@contoso.onmicrosoft.com', resource: 'graph', scopes: ['User.Read'] })
    )
  } finally {
    await sandbox.close()
  }
}
