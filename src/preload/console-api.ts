import { buildConsoleApi } from '../shared/console-api-builder.ts'
import { eventChannel, invokeChannel, type CallOutcome, type ConsoleApi } from '../shared/contract.ts'

/** The slice of `ipcRenderer` the bridge needs; the raw event never goes past this file. */
export interface RendererTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void
}

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
