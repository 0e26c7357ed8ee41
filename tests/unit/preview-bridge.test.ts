import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConsoleApi, EventPayload } from '../../src/shared/contract.ts'

/** The browser's EventSource, reduced to what the bridge uses, so a test can deliver server-sent events. */
class ServerSentEvents {
  static latest: ServerSentEvents | undefined
  readonly #listeners = new Map<string, Array<(message: { data: string }) => void>>()
  readonly url: string
  constructor(url: string) {
    this.url = url
    ServerSentEvents.latest = this
  }
  addEventListener(name: string, listener: (message: { data: string }) => void): void {
    this.#listeners.set(name, [...(this.#listeners.get(name) ?? []), listener])
  }
  deliver(name: string, data: string): void {
    for (const listener of this.#listeners.get(name) ?? []) listener({ data })
  }
}

async function loadBridge(): Promise<{ api: ConsoleApi; stream: ServerSentEvents }> {
  const page: { api?: ConsoleApi } = {}
  vi.stubGlobal('window', page)
  vi.stubGlobal('EventSource', ServerSentEvents)
  vi.resetModules()
  // By path, not by name: the bridge is browser code, typechecked with the DOM in tsconfig.web.json.
  await import(bridgeModule)
  if (!page.api || !ServerSentEvents.latest) throw new Error('the bridge did not install window.api')
  return { api: page.api, stream: ServerSentEvents.latest }
}

const bridgeModule = '../../src/preview/bridge/preview-bridge.ts'
const notices: EventPayload<'noticesChanged'> = { revision: 3, value: [] }

describe('the web preview’s bridge', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('hands each listener an event that matches the contract, even when another listener throws', async () => {
    const { api, stream } = await loadBridge()
    const received: unknown[] = []
    api.onNoticesChanged(() => {
      throw new Error('a broken listener')
    })
    api.onNoticesChanged((payload) => received.push(payload))
    stream.deliver('noticesChanged', JSON.stringify(notices))
    expect(received).toEqual([notices])
    expect(console.error).toHaveBeenCalledOnce()
  })

  it('drops an event that does not match the contract, or is not JSON, instead of handing it to the page', async () => {
    const { api, stream } = await loadBridge()
    const received: unknown[] = []
    api.onNoticesChanged((payload) => received.push(payload))
    stream.deliver('noticesChanged', JSON.stringify({ revision: -1, value: [] }))
    stream.deliver('noticesChanged', JSON.stringify([{ kind: 'stateRecovered' }]))
    stream.deliver('noticesChanged', '{not json')
    expect(received).toEqual([])
    expect(console.warn).toHaveBeenCalledTimes(3)
  })
})
