import type { ConsoleEventListener } from '../src/main/console-events.ts'
import type { CloudApplication } from '../src/shared/cloud-applications.ts'
import type { EventPayload } from '../src/shared/contract.ts'
import type { ConnectFlow } from '../src/shared/microsoft-365.ts'
import { waitUntil } from '../tests/support/wait-until.ts'

/**
 * The connect as main announces it: each `microsoft365ConnectFlowChanged` and each time the stored
 * Microsoft 365 connection says Connected, stamped with `performance.now()` inside the listener, which
 * the event hub calls synchronously as the step is set. Waiting for a step polls this record, so the
 * polling decides only when the benchmark acts next, never a timestamp.
 */
export class ConnectTimeline {
  readonly steps: Array<{ at: number; flow: ConnectFlow; tokenRequests: number }> = []
  readonly connected: Array<{ at: number; tokenRequests: number }> = []
  readonly #tokenRequests: () => number

  /** `tokenRequests` reads the token endpoint's count, so each step also says how many requests came before it. */
  constructor(tokenRequests: () => number) {
    this.#tokenRequests = tokenRequests
  }

  readonly listener: ConsoleEventListener = (event, payload) => {
    const at = performance.now()
    if (event === 'microsoft365ConnectFlowChanged') {
      this.steps.push({ at, flow: (payload as EventPayload<'microsoft365ConnectFlowChanged'>).value, tokenRequests: this.#tokenRequests() })
    } else if (event === 'cloudApplicationsChanged') {
      const applications: CloudApplication[] = (payload as EventPayload<'cloudApplicationsChanged'>).value
      if (applications.find(({ id }) => id === 'microsoft365')?.connection.status === 'connected') this.connected.push({ at, tokenRequests: this.#tokenRequests() })
    }
  }

  /** When the first step after `since` that matches came, waiting up to `timeout` for it; a failed connect ends the wait. */
  async step(matches: (flow: ConnectFlow) => boolean, since: number, timeout = 15_000): Promise<{ at: number; tokenRequests: number }> {
    const found = await waitUntil(
      () => {
        const seen = this.steps.find(({ at, flow }) => at >= since && (matches(flow) || flow.step === 'failed'))
        if (seen) return seen
        throw new Error(`the connect is at ${this.steps.at(-1)?.flow.step ?? 'idle'}`)
      },
      { timeout, interval: 2 }
    )
    if (!matches(found.flow)) throw new Error(`the connect failed: ${JSON.stringify(found.flow)}`)
    return found
  }

  /** When the connection was first stored as Connected after `since`. */
  async storedConnected(since: number, timeout = 15_000): Promise<{ at: number; tokenRequests: number }> {
    return waitUntil(
      () => {
        const found = this.connected.find(({ at }) => at >= since)
        if (!found) throw new Error('the connection is not stored as Connected yet')
        return found
      },
      { timeout, interval: 2 }
    )
  }
}
