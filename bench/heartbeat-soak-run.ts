import type { SandboxScenario } from '../src/sandbox-tenant/scenario/sandbox-scenario.ts'
import type { HeartbeatOutcome } from '../src/shared/heartbeat.ts'
import type { HeartbeatConsole } from '../tests/support/heartbeat-harness.ts'
import { describeFault, faultAt, injectFault, liftFaults, type SoakFault } from './heartbeat-soak-faults.ts'
import { activeResources, heapAfterGc, type CollectGarbage, type HeapReading } from './heartbeat-soak-resources.ts'

export const MEGAN = 'MeganB@contoso.onmicrosoft.com'

export interface SoakPlan {
  heartbeats: number
  /** Heartbeats before the first heap reading, so that what is made once is made by then. */
  warmUp: number
  /** How often the open sockets are counted while the soak runs. */
  sampleEvery: number
  /** How often, after the warm-up, the heap is read again to show its course. */
  heapEvery: number
}

export interface SoakRun {
  /** Check now as the caller waits for it, by the fault its heartbeat met. */
  durations: Map<SoakFault, number[]>
  /** The heartbeat's own `durationMs`, as stored: Microsoft's part, before the result is saved. */
  recordedMs: number[]
  outcomes: Map<HeartbeatOutcome, number>
  surprises: string[]
  unspentFaults: number
  reconnectMs: number[]
  errorsLogged: number
  firstError: string | null
  warningsLogged: number
  socketSamples: number[]
  resourceSamples: number[]
  heapAfterWarmUp: HeapReading
  heapCourse: Array<{ heartbeats: number; heap: HeapReading }>
  seconds: number
}

/** Check now, `plan.heartbeats` times, each after setting up its fault; a revoked consent is mended by RECONNECT. */
export async function runSoak(console_: HeartbeatConsole, scenario: SandboxScenario, gc: CollectGarbage, plan: SoakPlan): Promise<SoakRun> {
  const run: SoakRun = {
    durations: new Map(),
    recordedMs: [],
    outcomes: new Map(),
    surprises: [],
    unspentFaults: 0,
    reconnectMs: [],
    errorsLogged: 0,
    firstError: null,
    warningsLogged: 0,
    socketSamples: [],
    resourceSamples: [],
    heapAfterWarmUp: { used: 0, code: 0 },
    heapCourse: [],
    seconds: 0
  }
  const started = performance.now()
  for (let index = 0; index < plan.heartbeats; index += 1) {
    if (index === plan.warmUp) run.heapAfterWarmUp = await heapAfterGc(gc)
    else if (index > plan.warmUp && (index - plan.warmUp) % plan.heapEvery === 0) run.heapCourse.push({ heartbeats: index, heap: await heapAfterGc(gc) })
    await beat(console_, scenario, run, index)
    if (index % plan.sampleEvery === plan.sampleEvery - 1) {
      const resources = activeResources()
      run.socketSamples.push(resources.sockets)
      run.resourceSamples.push(resources.total)
    }
  }
  run.seconds = (performance.now() - started) / 1000
  return run
}

async function beat(console_: HeartbeatConsole, scenario: SandboxScenario, run: SoakRun, index: number): Promise<void> {
  const fault = faultAt(index)
  injectFault(scenario, fault)
  const started = performance.now()
  const record = await console_.checkNow()
  const milliseconds = performance.now() - started
  if (fault !== 'none' && liftFaults(scenario)) run.unspentFaults += 1
  const samples = run.durations.get(fault)
  if (samples) samples.push(milliseconds)
  else run.durations.set(fault, [milliseconds])
  run.recordedMs.push(record.durationMs)
  run.outcomes.set(record.outcome, (run.outcomes.get(record.outcome) ?? 0) + 1)
  if (record.outcome !== describeFault(fault).expected) {
    run.surprises.push(`heartbeat ${index} (${fault}) ended ${record.outcome}${record.details ? ` (${record.details.code})` : ''}`)
  }
  if (record.outcome === 'reconnectRequired') await reconnect(console_, run)
  readLogs(console_, run)
}

async function reconnect(console_: HeartbeatConsole, run: SoakRun): Promise<void> {
  const started = performance.now()
  const back = await console_.connect(MEGAN)
  run.reconnectMs.push(performance.now() - started)
  if (back.outcome !== 'connected') run.surprises.push(`the reconnect after revoked consent ended ${back.outcome}`)
}

/** The harness keeps every log line: read and drop them, or the soak's own list would look like a leak. */
function readLogs(console_: HeartbeatConsole, run: SoakRun): void {
  for (const line of console_.logs) {
    if (line.includes('"level":"error"')) {
      run.errorsLogged += 1
      run.firstError ??= line.slice(0, 400)
    } else if (line.includes('"level":"warn"')) {
      run.warningsLogged += 1
    }
  }
  console_.logs.length = 0
}
