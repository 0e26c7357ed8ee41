/** The three services behind the sandbox's base URL, as faults address them. */
export const sandboxServices = ['entra', 'graph', 'management'] as const
export type SandboxService = (typeof sandboxServices)[number]

export interface Throttling {
  retryAfterSeconds: number
  /** How many more requests get 429; `null` means until the throttling is lifted. */
  remaining: number | null
}

export interface OutageFault {
  /** How many more requests get 503; `null` means until the outage ends. */
  remaining: number | null
}

export type ServiceFault =
  | { kind: 'outage'; retryAfterSeconds: number | null }
  | { kind: 'throttled'; retryAfterSeconds: number }

/** Outages, throttling and latency, per service, that requests pass through before any route. */
export class ServiceFaults {
  readonly outages = new Map<SandboxService, OutageFault>()
  readonly throttling = new Map<SandboxService, Throttling>()
  /** Graph evaluates each request of a `$batch` on its own, so single items can get 429 inside a 200. */
  batchItemThrottling: Throttling | null = null
  latencyMs = 0

  /** Takes the fault, if any, that the next request to a service meets, and counts it down. */
  takeFault(service: SandboxService): ServiceFault | null {
    const outage = this.outages.get(service)
    if (outage) {
      countDown(outage, () => this.outages.delete(service))
      return { kind: 'outage', retryAfterSeconds: null }
    }
    const throttling = this.throttling.get(service)
    if (throttling) {
      countDown(throttling, () => this.throttling.delete(service))
      return { kind: 'throttled', retryAfterSeconds: throttling.retryAfterSeconds }
    }
    return null
  }

  /** Takes the `Retry-After` seconds for the next request inside a Graph `$batch`, if it is throttled. */
  takeBatchItemThrottling(): number | null {
    const throttling = this.batchItemThrottling
    if (!throttling) return null
    countDown(throttling, () => (this.batchItemThrottling = null))
    return throttling.retryAfterSeconds
  }

  clear(): void {
    this.outages.clear()
    this.throttling.clear()
    this.batchItemThrottling = null
    this.latencyMs = 0
  }
}

function countDown(fault: { remaining: number | null }, onExhausted: () => void): void {
  if (fault.remaining === null) return
  fault.remaining -= 1
  if (fault.remaining <= 0) onExhausted()
}
