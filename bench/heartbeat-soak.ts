import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { TOKEN_CACHE_FILE } from '../src/main/microsoft-365/microsoft-cloud-session.ts'
import { STATE_FILE_NAME } from '../src/main/state/state-repository.ts'
import { startSandboxTenant } from '../src/sandbox-tenant/sandbox-tenant-server.ts'
import { HEARTBEAT_HISTORY_LIMIT, RECENT_HEARTBEATS_SHOWN } from '../src/shared/heartbeat.ts'
import { memorySecretStore } from '../tests/support/console-host.ts'
import { heartbeatConsole, type HeartbeatConsole } from '../tests/support/heartbeat-harness.ts'
import { makeTempDir } from '../tests/support/temp-dir.ts'
import { figureOf, type Row, type Section, type Target } from './bench-report.ts'
import { CONSENT_REVOKED_EVERY, OUTAGE_EVERY, soakFaults, THROTTLING_EVERY } from './heartbeat-soak-faults.ts'
import { activeResources, beyond, describeResources, exposedGc, heapAfterGc, settleTo } from './heartbeat-soak-resources.ts'
import { MEGAN, runSoak, type SoakPlan, type SoakRun } from './heartbeat-soak-run.ts'

/**
 * 5,000 heartbeats, the first 500 a warm-up that meets every fault once: about a minute on the 2-core
 * reference machine, with the console and the sandbox in one process.
 */
const plan: SoakPlan = { heartbeats: 5_000, warmUp: 500, sampleEvery: 100, heapEvery: 1_000 }
const HEAP_GROWTH_LIMIT_MB = 5
/** Idle keep-alive connections close about 5 s after their last request; anything open past this stays open. */
const SETTLE_LIMIT_MS = 15_000
const MB = 1024 * 1024
const count = (value: number) => value.toLocaleString('en-US')

/**
 * Check now, again and again, through the composition root against the sandbox tenant, with
 * throttling, outages and revoked consent mixed in: whether memory, open handles and the stored
 * history stay bounded, and what each heartbeat costs.
 */
export async function benchHeartbeatSoak(): Promise<Section> {
  const gc = exposedGc()
  const dir = makeTempDir('heartbeat-soak')
  const sandbox = await startSandboxTenant()
  let opened: HeartbeatConsole | undefined
  try {
    await heapAfterGc(gc)
    const baseline = activeResources()
    opened = heartbeatConsole({ sandbox, dataDir: dir.path, secrets: memorySecretStore(), baseUrl: sandbox.baseUrl })
    const console_ = opened
    const first = await console_.connect(MEGAN)
    if (first.outcome !== 'connected') throw new Error(`the first connect ended ${first.outcome}, so there is nothing to soak`)

    const run = await runSoak(console_, sandbox.scenario, gc, plan)
    const heapAtEnd = await heapAfterGc(gc)
    const running = activeResources()
    const shown = (await console_.status()).recentHeartbeats.length
    const stateFile = join(dir.path, `${STATE_FILE_NAME}.json`)
    const stored = storedHeartbeats(stateFile)
    const stateBytes = statSync(stateFile).size
    const tokenCacheBytes = statSync(join(dir.path, TOKEN_CACHE_FILE)).size

    opened = undefined
    await console_.services.close()
    const closed = activeResources()
    const { settledMs, resources: settled } = await settleTo(baseline, SETTLE_LIMIT_MS)
    const left = beyond(baseline, settled)

    const growth = { used: (heapAtEnd.used - run.heapAfterWarmUp.used) / MB, code: (heapAtEnd.code - run.heapAfterWarmUp.code) / MB }
    const largest = Math.max(heapAtEnd.used, ...run.heapCourse.map(({ heap }) => heap.used))
    // Growth from the lowest reading: a leak shows there even when V8 let go of something early on.
    const lowest = [run.heapAfterWarmUp, ...run.heapCourse.map(({ heap }) => heap)].reduce((low, heap) => (heap.used < low.used ? heap : low))
    const measured = count(plan.heartbeats - plan.warmUp)
    const fromLowest = (heapAtEnd.used - lowest.used) / MB
    const judged = Math.max(growth.used, fromLowest)
    const rows: Row[] = [
      { measure: `heap used after GC, after the warm-up (${count(plan.warmUp)} heartbeats)`, unit: 'MB', value: run.heapAfterWarmUp.used / MB, digits: 2 },
      { measure: `heap used after GC, after all ${count(plan.heartbeats)}`, unit: 'MB', value: heapAtEnd.used / MB, digits: 2 },
      { measure: `heap growth after GC, warm-up to the end (${measured} heartbeats)`, unit: 'MB', value: growth.used, digits: 2 },
      { measure: 'of which compiled code and bytecode (V8 code and trusted spaces)', unit: 'MB', value: growth.code, digits: 2 },
      { measure: `largest reading after the warm-up (every ${count(plan.heapEvery)}), minus the warm-up reading`, unit: 'MB', value: (largest - run.heapAfterWarmUp.used) / MB, digits: 2 },
      { measure: 'heap growth after GC, from the lowest reading to the end', unit: 'MB', value: fromLowest, digits: 2 },
      {
        // Judged on the larger growth: memory V8 lets go of early would otherwise hide a leak behind it.
        measure: 'heap growth after GC, the larger of warm-up to end and lowest reading to end',
        unit: 'MB',
        value: judged,
        digits: 2,
        target: targetOf(
          `< ${HEAP_GROWTH_LIMIT_MB} MB`,
          judged < HEAP_GROWTH_LIMIT_MB,
          `heap used grew ${judged.toFixed(2)} MB after GC over ${measured} heartbeats, ${growth.code.toFixed(2)} MB of it compiled code and bytecode: the rest is objects something keeps per heartbeat; heap snapshots before and after would name it.`
        )
      },
      { measure: 'active resources, baseline (sandbox listening, before the console opens)', unit: 'handles', value: baseline.total, digits: 0 },
      { measure: 'sockets, baseline', unit: 'sockets', value: baseline.sockets, digits: 0 },
      { measure: `active resources while running, every ${plan.sampleEvery} heartbeats`, unit: 'handles', value: figureOf(run.resourceSamples), digits: 0 },
      { measure: `sockets while running, every ${plan.sampleEvery} heartbeats`, unit: 'sockets', value: figureOf(run.socketSamples), digits: 0 },
      { measure: 'active resources at the end, console still open', unit: 'handles', value: running.total, digits: 0 },
      { measure: 'sockets at the end, console still open', unit: 'sockets', value: running.sockets, digits: 0 },
      { measure: 'sockets right after close', unit: 'sockets', value: closed.sockets, digits: 0 },
      { measure: 'time until nothing beyond the baseline is open, after close', unit: 'ms', value: settledMs, digits: 0 },
      {
        measure: 'active resources after close and settle',
        unit: 'handles',
        value: settled.total,
        digits: 0,
        target: targetOf('back to baseline', left.length === 0, `still open ${SETTLE_LIMIT_MS / 1000} s after close, beyond the baseline: ${left.join(', ')}.`)
      },
      { measure: 'sockets after close and settle', unit: 'sockets', value: settled.sockets, digits: 0 },
      {
        measure: 'heartbeats in the state file',
        unit: 'records',
        value: stored,
        digits: 0,
        target: targetOf(`≤ ${HEARTBEAT_HISTORY_LIMIT}`, stored <= HEARTBEAT_HISTORY_LIMIT, `the state file holds ${stored}: the history is not capped at HEARTBEAT_HISTORY_LIMIT.`)
      },
      {
        measure: 'heartbeats in status().recentHeartbeats',
        unit: 'records',
        value: shown,
        digits: 0,
        target: targetOf(`≤ ${RECENT_HEARTBEATS_SHOWN}`, shown <= RECENT_HEARTBEATS_SHOWN, `the status view lists ${shown}, more than RECENT_HEARTBEATS_SHOWN.`)
      },
      { measure: 'state file size at the end', unit: 'KB', value: stateBytes / 1024, digits: 1 },
      { measure: 'token cache file size at the end', unit: 'KB', value: tokenCacheBytes / 1024, digits: 1 },
      ...durationRows(run),
      ...(['connected', 'unreachable', 'reconnectRequired', 'additionalSetupRequired'] as const).map((outcome) => ({
        measure: `outcome ${outcome}`,
        unit: 'heartbeats',
        value: run.outcomes.get(outcome) ?? 0,
        digits: 0
      })),
      { measure: 'reconnects (Connected again after Reconnect required)', unit: 'reconnects', value: run.reconnectMs.length, digits: 0 },
      {
        measure: 'heartbeats whose outcome was not the one their fault should give',
        unit: 'heartbeats',
        value: run.surprises.length,
        digits: 0,
        target: targetOf('0', run.surprises.length === 0, `for example ${run.surprises.slice(0, 3).join('; ')}.`)
      },
      { measure: 'errors the console logged', unit: 'lines', value: run.errorsLogged, digits: 0 }
    ]
    return {
      title: 'Heartbeat soak',
      method:
        `${count(plan.heartbeats)} Check nows, one after another, through the console's composition root (real msal-node, Graph client and heartbeat scheduler) against the sandbox tenant on loopback, after one connect. ` +
        `Every ${THROTTLING_EVERY}th heartbeat meets a 429 on its $batch once, every ${THROTTLING_EVERY}th a 429 twice, every ${THROTTLING_EVERY}th a 429 on one request inside the batch; every ${OUTAGE_EVERY}th a 503 from Graph that outlasts the retry; ` +
        `every ${CONSENT_REVOKED_EVERY}th a consent revoked in the tenant, which the soak mends as an admin would, by RECONNECT (the sign-in answered over HTTP, Step 2 and CONFIRM), and counts. ` +
        `Heap used is read after three full GCs (node --expose-gc) with event-loop turns between, after a warm-up of ${count(plan.warmUp)} heartbeats (which meets every fault) and at the end; active resources are process.getActiveResourcesInfo(), sockets its TCPSocketWrap entries.`,
      rows,
      notes: [
        'Conditions: the sandbox tenant on 127.0.0.1, in the same process as the console; an in-memory secret store (tests/support/console-host.ts) instead of the OS keychain; the heartbeat harness’s Graph retry settings (no delay, one retry) and every Retry-After 0, so the soak does not sleep where the product would wait.',
        'The sandbox shares the process, so its memory is in the heap figures (the growth is an upper bound for the console’s own) and both ends of each loopback connection are among the sockets.',
        'A 503 from the sandbox names no Retry-After, so the Graph client’s RetryHandler waits its delay (0 here) plus a random 0–1 s of its own before the retry: that is most of those heartbeats’ duration.',
        `The baseline is taken before the console opens, with the sandbox already listening: after close, everything the console opened should be gone. Right after close ${closed.sockets} sockets were still open: idle keep-alive connections, which close on their own a few seconds after their last request. The "after close and settle" figures are read once nothing beyond the baseline is open, or after ${SETTLE_LIMIT_MS / 1000} s.`,
        `Open at the end, console still open: ${describeResources(running)}. After close and settle: ${describeResources(settled)}. Baseline: ${describeResources(baseline)}.`,
        `Heap used after GC along the way (heartbeats: all, of which code and bytecode): ${[{ heartbeats: plan.warmUp, heap: run.heapAfterWarmUp }, ...run.heapCourse, { heartbeats: plan.heartbeats, heap: heapAtEnd }]
          .map(({ heartbeats, heap }) => `${count(heartbeats)}: ${(heap.used / MB).toFixed(2)} MB, ${(heap.code / MB).toFixed(2)} MB`)
          .join('; ')}. The heap after GC does not only grow: V8 and the libraries let go of some things only after a while (a few MB of large objects and bytecode, at a point that varies from run to run), which is why the largest reading is shown too.`,
        `The state file keeps the newest ${HEARTBEAT_HISTORY_LIMIT} heartbeats (HEARTBEAT_HISTORY_LIMIT); status().recentHeartbeats is the status dialog's view of them, the newest ${RECENT_HEARTBEATS_SHOWN} (RECENT_HEARTBEATS_SHOWN).`,
        `Check now durations are the call as its caller waits for it: the heartbeat, saving its result in the state file and the status view it returns; the heartbeat's own durationMs covers only its part with Microsoft. The soak took ${run.seconds.toFixed(1)} s.` +
          (run.unspentFaults > 0 ? ` ${run.unspentFaults} faults were left unspent by their heartbeat and lifted before the next.` : ''),
        `The console logged ${run.warningsLogged} warnings and ${run.errorsLogged} errors${run.firstError ? `; the first error: ${run.firstError}` : ''}.`
      ]
    }
  } finally {
    await opened?.services.close()
    await sandbox.close()
    dir.remove()
  }
}

function durationRows(run: SoakRun): Row[] {
  return [
    { measure: `Check now, every heartbeat (${count(plan.heartbeats)})`, unit: 'ms', value: figureOf([...run.durations.values()].flat()), digits: 2 },
    { measure: 'the heartbeat’s own durationMs, as stored (Microsoft’s part)', unit: 'ms', value: figureOf(run.recordedMs), digits: 0 },
    ...soakFaults.flatMap(({ fault, says, expected }) => {
      const samples = run.durations.get(fault) ?? []
      return samples.length === 0 ? [] : [{ measure: `Check now, ${says}: ${expected}`, unit: 'ms', value: figureOf(samples), digits: 2 }]
    }),
    ...(run.reconnectMs.length === 0
      ? []
      : [{ measure: 'RECONNECT after revoked consent (sign-in, Step 2, CONFIRM, its heartbeat)', unit: 'ms', value: figureOf(run.reconnectMs), digits: 1 }])
  ]
}

function targetOf(says: string, met: boolean, reason: string): Target {
  return met ? { says, met } : { says, met, reason }
}

function storedHeartbeats(stateFile: string): number {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { microsoft365Heartbeats?: unknown }
  if (!Array.isArray(state.microsoft365Heartbeats)) throw new Error('the state file holds no heartbeat history')
  return state.microsoft365Heartbeats.length
}
