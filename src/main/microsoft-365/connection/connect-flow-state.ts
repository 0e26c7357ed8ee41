import type { ConnectFlow } from '../../../shared/microsoft-365.ts'
import type { ConsoleEventHub } from '../../console-events.ts'

/**
 * The Connect to Microsoft 365 dialog's step. It lives in main and in memory: every window shows
 * the same step, and a restart starts clean, because a half-finished connect is never kept.
 */
export class ConnectFlowState {
  #flow: ConnectFlow = { step: 'idle' }
  readonly #events: ConsoleEventHub

  constructor(events: ConsoleEventHub) {
    this.#events = events
  }

  read(): ConnectFlow {
    return structuredClone(this.#flow)
  }

  set(flow: ConnectFlow): ConnectFlow {
    this.#flow = flow
    this.#events.emit('microsoft365ConnectFlowChanged', flow)
    return this.read()
  }
}
