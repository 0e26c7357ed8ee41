import { buildConsoleApi } from '../shared/console-api-builder.ts'
import { eventChannel, invokeChannel, type CallOutcome } from '../shared/contract-names.ts'
import type { ConsoleApi } from '../shared/contract.ts'

/** The slice of `ipcRenderer` the bridge needs; the raw event never goes past this file. */
export interface RendererTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void
}

/**
 * Payloads pass through unchecked here, on purpose. Main checks every event against the contract's
 * schemas before it sends it, and main is the only one who can send on these channels; checking
 * again would put zod (80 KiB) into a preload that must stay small and auditable. The web preview's
 * bridge does check, because what reaches it has crossed HTTP.
 */
export function createConsoleApi(transport: RendererTransport): ConsoleApi {
  return buildConsoleApi({
    call: async (method, args) => (await transport.invoke(invokeChannel(method), args)) as CallOutcome<unknown>,
    subscribe(event, listener) {
      const channel = eventChannel(event)
      const forward = (_event: unknown, payload: unknown) => listener(payload)
      transport.on(channel, forward)
      return () => transport.removeListener(channel, forward)
    }
  })
}
