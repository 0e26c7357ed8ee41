import type { SandboxScenario } from '../src/sandbox-tenant/scenario/sandbox-scenario.ts'
import type { HeartbeatOutcome } from '../src/shared/heartbeat.ts'

/** What the sandbox does to one heartbeat of the soak. */
export type SoakFault = 'none' | 'throttledOnce' | 'throttledTwice' | 'batchItemThrottled' | 'outage' | 'consentRevoked'

export interface SoakFaultKind {
  fault: SoakFault
  /** As the section's rows name it. */
  says: string
  /** What the heartbeat should find: anything else is counted as a surprise. */
  expected: HeartbeatOutcome
}

export const soakFaults: readonly SoakFaultKind[] = [
  { fault: 'none', says: 'no fault', expected: 'connected' },
  { fault: 'throttledOnce', says: '429 on the batch, Retry-After 0, once (retried)', expected: 'connected' },
  { fault: 'throttledTwice', says: '429 on the batch, Retry-After 0, twice (retries spent)', expected: 'unreachable' },
  { fault: 'batchItemThrottled', says: '429 on one request inside the batch, once (resent)', expected: 'connected' },
  { fault: 'outage', says: '503 on Graph, twice (retries spent)', expected: 'unreachable' },
  { fault: 'consentRevoked', says: 'consent revoked in the tenant', expected: 'reconnectRequired' }
]

// Throttling is cheap to run (Retry-After 0); a 503 carries no Retry-After, so the Graph client's
// RetryHandler sleeps its own random 0–1 s before the retry, and a revoked consent costs a reconnect.
export const THROTTLING_EVERY = 25
export const CONSENT_REVOKED_EVERY = 250
export const OUTAGE_EVERY = 500

/** The fault for the heartbeat at `index` (from 0): every kind within the first 250, so the warm-up meets them all. */
export function faultAt(index: number): SoakFault {
  if (index % OUTAGE_EVERY === 120) return 'outage'
  if (index % CONSENT_REVOKED_EVERY === CONSENT_REVOKED_EVERY - 5) return 'consentRevoked'
  const frequent = index % THROTTLING_EVERY
  if (frequent === 5) return 'throttledOnce'
  if (frequent === 10) return 'throttledTwice'
  if (frequent === 15) return 'batchItemThrottled'
  return 'none'
}

/** Sets the fault up in the sandbox before the heartbeat; counted faults lapse by themselves once met. */
export function injectFault(scenario: SandboxScenario, fault: SoakFault): void {
  if (fault === 'throttledOnce') scenario.throttle('graph', 0, 1)
  if (fault === 'throttledTwice') scenario.throttle('graph', 0, 2)
  if (fault === 'batchItemThrottled') scenario.throttleBatchItems(0, 1)
  if (fault === 'outage') scenario.setOutage('graph', 2)
  if (fault === 'consentRevoked') scenario.revokeConsent()
}

/**
 * Lifts whatever a heartbeat left unspent, so that no fault spills into the next one; true when
 * something was left, which means the heartbeat made fewer requests than the fault expected.
 */
export function liftFaults(scenario: SandboxScenario): boolean {
  const { outages, throttling, batchItemThrottling } = scenario.snapshot()
  scenario.endThrottling('all')
  scenario.endOutage('all')
  return outages.length > 0 || throttling.length > 0 || batchItemThrottling !== null
}

export function describeFault(fault: SoakFault): SoakFaultKind {
  const kind = soakFaults.find((candidate) => candidate.fault === fault)
  if (!kind) throw new Error(`no such soak fault: ${fault}`)
  return kind
}
