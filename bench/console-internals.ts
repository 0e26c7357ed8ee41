import { createConsoleServices } from '../src/main/composition.ts'
import { createDispatcher } from '../src/main/ipc/dispatcher.ts'
import { createSenderPolicy } from '../src/main/ipc/sender-policy.ts'
import { silentLogger } from '../src/main/logger.ts'
import { startSandboxTenant } from '../src/sandbox-tenant/sandbox-tenant-server.ts'
import { testConsoleEnvironment } from '../tests/support/console-host.ts'
import { makeTempDir } from '../tests/support/temp-dir.ts'
import { figureOf, timeRuns, type Row, type Section } from './bench-report.ts'

const RUNS = 5

/** Microseconds per operation, one sample per batch of `perBatch` operations. */
async function perOperation(perBatch: number, work: () => unknown): Promise<number[]> {
  const batches = await timeRuns(RUNS, async () => {
    for (let i = 0; i < perBatch; i += 1) await work()
  })
  return batches.map((milliseconds) => (milliseconds * 1000) / perBatch)
}

/** The costs under everything else: the composition root, a validated IPC call, the state file, the sandbox's answers. */
export async function benchConsoleInternals(): Promise<Section> {
  const rows: Row[] = []
  const dir = makeTempDir('console-bench')
  try {
    const startUp = await timeRuns(
      RUNS,
      async () => {
        const first = makeTempDir('console-bench-first')
        await createConsoleServices(testConsoleEnvironment(first.path)).close()
        first.remove()
      },
      0
    )
    rows.push({ measure: 'composition root start-up and close, first launch', unit: 'ms', value: figureOf(startUp), digits: 2 })
    const services = createConsoleServices(testConsoleEnvironment(dir.path))
    const dispatch = createDispatcher(services.handlers, createSenderPolicy({ devServerUrl: 'http://127.0.0.1:1/' }), silentLogger)
    const sender = { url: 'http://127.0.0.1:1/' }
    rows.push({
      measure: 'IPC call listCloudApplications, validated',
      unit: 'µs/call',
      value: figureOf(await perOperation(5_000, () => dispatch('listCloudApplications', [], sender))),
      digits: 2
    })
    rows.push({
      measure: 'IPC call refused for invalid arguments',
      unit: 'µs/call',
      value: figureOf(await perOperation(5_000, () => dispatch('dismissNotice', [42], sender))),
      digits: 2
    })
    rows.push({
      measure: 'composition root start-up on a stored state file',
      unit: 'µs/open',
      value: figureOf(await perOperation(20, () => createConsoleServices(testConsoleEnvironment(dir.path)))),
      digits: 0
    })
    await services.close()
  } finally {
    dir.remove()
  }

  const started = performance.now()
  const sandbox = await startSandboxTenant()
  rows.push({ measure: 'sandbox tenant start-up (RSA key, seed, listen)', unit: 'ms', value: performance.now() - started, digits: 1 })
  try {
    const token = sandbox.issueAccessToken({ userPrincipalName: 'MeganB@contoso.onmicrosoft.com', resource: 'graph', scopes: ['User.Read', 'Organization.Read.All'] })
    const headers = { Authorization: `Bearer ${token}` }
    rows.push({
      measure: 'sandbox GET /v1.0/me over loopback',
      unit: 'µs/request',
      value: figureOf(await perOperation(500, async () => (await fetch(`${sandbox.baseUrl}v1.0/me`, { headers })).text())),
      digits: 0
    })
    const discovery = `${sandbox.baseUrl}organizations/v2.0/.well-known/openid-configuration`
    rows.push({
      measure: 'sandbox openid-configuration over loopback',
      unit: 'µs/request',
      value: figureOf(await perOperation(500, async () => (await fetch(discovery)).text())),
      digits: 0
    })
    rows.push({
      measure: 'sandbox access token signing (RS256)',
      unit: 'µs/token',
      value: figureOf(
        await perOperation(500, () => sandbox.issueAccessToken({ userPrincipalName: 'MeganB@contoso.onmicrosoft.com', resource: 'graph', scopes: ['User.Read'] }))
      ),
      digits: 0
    })
  } finally {
    await sandbox.close()
  }
  return {
    title: 'Console internals',
    method: 'The costs under everything else, in plain Node: batches of calls timed together, one sample per batch.',
    rows
  }
}
