import {
  eventChannel,
  eventNames,
  invokeChannel,
  methodNames,
  subscriptionName,
  unwrapOutcome,
  type CallOutcome,
  type ConsoleApi,
  type EventName
} from '../shared/contract.ts'

/** The slice of `ipcRenderer` the bridge needs; the raw event never goes past this file. */
export interface RendererTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void
}

export function createConsoleApi(transport: RendererTransport): ConsoleApi {
  const api: Record<string, unknown> = {}
  for (const method of methodNames) {
    api[method] = async (...args: unknown[]) =>
      unwrapOutcome((await transport.invoke(invokeChannel(method), args)) as CallOutcome<unknown>)
  }
  for (const event of eventNames) {
    api[subscriptionName(event)] = (listener: (payload: unknown) => void) => subscribe(transport, event, listener)
  }
  return Object.freeze(api) as ConsoleApi
}

function subscribe(transport: RendererTransport, event: EventName, listener: (payload: unknown) => void) {
  if (typeof listener !== 'function') throw new TypeError(`${subscriptionName(event)} needs a listener function`)
  const channel = eventChannel(event)
  const forward = (_event: unknown, payload: unknown) => listener(payload)
  transport.on(channel, forward)
  return () => transport.removeListener(channel, forward)
}
