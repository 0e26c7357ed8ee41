import { buildConsoleApi } from '../../shared/console-api-builder.ts'
import { eventNames, readEventPayload, type CallOutcome, type ConsoleApi, type EventName } from '../../shared/contract.ts'

/**
 * The web preview's stand-in for the preload: the same `window.api`, carried over loopback HTTP.
 * The preview server's secret travels as an HttpOnly cookie, so this script never handles it.
 */
function createPreviewApi(): ConsoleApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(eventNames.map((event) => [event, new Set()]))
  const stream = new EventSource('/api/events')
  for (const event of eventNames) {
    stream.addEventListener(event, (message) => {
      const payload = parseEvent(event, (message as MessageEvent<string>).data)
      if (payload === null) return console.warn(`The preview dropped a ${event} event that does not match the contract.`)
      for (const listener of listeners.get(event) ?? []) {
        // One listener's failure must not keep the event from the others, as with Electron's IPC.
        try {
          listener(payload)
        } catch (error) {
          console.error(`A ${event} listener failed`, error)
        }
      }
    })
  }

  return buildConsoleApi({
    async call(method, args) {
      const response = await fetch(`/api/invoke/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args)
      })
      if (!response.headers.get('content-type')?.includes('application/json')) {
        throw new Error(`The preview server refused the call (${response.status} ${await response.text()}).`)
      }
      return (await response.json()) as CallOutcome<unknown>
    },
    subscribe(event, listener) {
      listeners.get(event)?.add(listener)
      return () => void listeners.get(event)?.delete(listener)
    }
  })
}

/** Unlike the preload, this bridge speaks plain HTTP, so it checks what arrives against the contract. */
function parseEvent(event: EventName, data: string): unknown {
  try {
    return readEventPayload(event, JSON.parse(data))
  } catch {
    return null
  }
}

Object.defineProperty(window, 'api', { value: createPreviewApi(), writable: false, configurable: false })
