import {
  eventNames,
  methodNames,
  subscriptionName,
  unwrapOutcome,
  type CallOutcome,
  type ConsoleApi,
  type EventName
} from '../../shared/contract.ts'

/**
 * The web preview's stand-in for the preload: the same `window.api`, carried over loopback HTTP.
 * The preview server's secret travels as an HttpOnly cookie, so this script never handles it.
 */
function createPreviewApi(): ConsoleApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const stream = new EventSource('/api/events')
  for (const event of eventNames) {
    listeners.set(event, new Set())
    stream.addEventListener(event, (message) => {
      const payload: unknown = JSON.parse((message as MessageEvent<string>).data)
      for (const listener of listeners.get(event) ?? []) listener(payload)
    })
  }

  const api: Record<string, unknown> = {}
  for (const method of methodNames) {
    api[method] = async (...args: unknown[]) => {
      const response = await fetch(`/api/invoke/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args)
      })
      if (!response.ok && !response.headers.get('content-type')?.includes('application/json')) {
        throw new Error(`The preview server refused the call (${response.status}).`)
      }
      return unwrapOutcome((await response.json()) as CallOutcome<unknown>)
    }
  }
  for (const event of eventNames) {
    api[subscriptionName(event)] = (listener: (payload: unknown) => void) => {
      listeners.get(event)?.add(listener)
      return () => void listeners.get(event)?.delete(listener)
    }
  }
  return Object.freeze(api) as ConsoleApi
}

Object.defineProperty(window, 'api', { value: createPreviewApi(), writable: false, configurable: false })
