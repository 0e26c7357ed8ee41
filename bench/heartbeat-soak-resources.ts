import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import { getHeapSpaceStatistics } from 'node:v8'

/** What keeps the event loop busy, by kind, as `process.getActiveResourcesInfo()` names it. */
export interface ActiveResources {
  total: number
  /** Open network connections: TCPSocketWrap (and TLSWrap, should any appear); stdio pipes are not counted. */
  sockets: number
  byKind: ReadonlyMap<string, number>
}

const socketKinds = new Set(['TCPSocketWrap', 'TLSWrap'])

export function activeResources(): ActiveResources {
  const byKind = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) byKind.set(kind, (byKind.get(kind) ?? 0) + 1)
  let sockets = 0
  for (const [kind, count] of byKind) if (socketKinds.has(kind)) sockets += count
  return { total: [...byKind.values()].reduce((sum, count) => sum + count, 0), sockets, byKind }
}

/** The kinds of which `now` holds more than `baseline`, as `Kind +n`; empty when back to baseline. */
export function beyond(baseline: ActiveResources, now: ActiveResources): string[] {
  return [...now.byKind].flatMap(([kind, count]) => {
    const extra = count - (baseline.byKind.get(kind) ?? 0)
    return extra > 0 ? [`${kind} +${extra}`] : []
  })
}

export function describeResources(resources: ActiveResources): string {
  return [...resources.byKind].map(([kind, count]) => `${kind} ${count}`).join(', ') || 'none'
}

/**
 * Waits until nothing is open beyond `baseline`, or `limitMs` has passed: idle keep-alive
 * connections close on their own a few seconds after their last request. Returns how long it took.
 */
export async function settleTo(baseline: ActiveResources, limitMs: number): Promise<{ settledMs: number; resources: ActiveResources }> {
  const started = performance.now()
  for (;;) {
    const resources = activeResources()
    const settledMs = performance.now() - started
    if (beyond(baseline, resources).length === 0 || settledMs >= limitMs) return { settledMs, resources }
    await sleep(100)
  }
}

export type CollectGarbage = () => void

/** `gc`, which only `node --expose-gc` offers; the soak cannot speak of leaks without it. */
export function exposedGc(): CollectGarbage {
  const gc: unknown = (globalThis as { gc?: unknown }).gc
  if (typeof gc !== 'function') {
    throw new Error('The heartbeat soak needs globalThis.gc: run it as `node --expose-gc bench/run.ts` (npm run bench does).')
  }
  return () => void (gc as () => unknown)()
}

/** The heap after full collections: all of it, and the part that is compiled code and bytecode rather than objects. */
export interface HeapReading {
  used: number
  /** Machine code and bytecode (V8's code and trusted spaces), which grows as V8 compiles and optimises more of the program. */
  code: number
}

const codeSpaces = new Set(['code_space', 'code_large_object_space', 'trusted_space', 'trusted_large_object_space'])

/** Read after three full collections, with turns of the event loop between them so finalisers and weak references settle. */
export async function heapAfterGc(gc: CollectGarbage): Promise<HeapReading> {
  for (let round = 0; round < 3; round += 1) {
    gc()
    await nextTurn()
    await sleep(10)
  }
  const code = getHeapSpaceStatistics()
    .filter(({ space_name }) => codeSpaces.has(space_name))
    .reduce((sum, { space_used_size }) => sum + space_used_size, 0)
  return { used: process.memoryUsage().heapUsed, code }
}
