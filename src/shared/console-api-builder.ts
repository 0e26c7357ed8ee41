import {
  eventNames,
  methodNames,
  subscriptionName,
  unwrapOutcome,
  type CallOutcome,
  type EventName,
  type MethodName,
  type Unsubscribe
} from './contract-names.ts'
// Types only: the preload bundles this file, and the schemas (zod) must stay out of that bundle.
import type { ConsoleApi } from './contract.ts'

export interface ConsoleApiCarrier {
  call(method: MethodName, args: unknown[]): Promise<CallOutcome<unknown>>
  subscribe(event: EventName, listener: (payload: unknown) => void): Unsubscribe
}

/**
 * Builds `window.api` from a carrier: IPC in the app, HTTP in the web preview. Building both from
 * the contract's own lists is what keeps them exposing exactly the same methods and nothing else.
 */
export function buildConsoleApi(carrier: ConsoleApiCarrier): ConsoleApi {
  const api: Record<string, unknown> = {}
  for (const method of methodNames) {
    api[method] = async (...args: unknown[]) => unwrapOutcome(await carrier.call(method, args))
  }
  for (const event of eventNames) {
    api[subscriptionName(event)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${subscriptionName(event)} needs a listener function`)
      // Electron's ipcRenderer stops at the first listener that throws; one broken listener must not
      // keep an event from the others, so each one is called on its own here, for both carriers.
      return carrier.subscribe(event, (payload) => {
        try {
          listener(payload)
        } catch (error) {
          console.error(`A ${subscriptionName(event)} listener failed`, error)
        }
      })
    }
  }
  return Object.freeze(api) as ConsoleApi
}
