import { describe, expect, it, vi } from 'vitest'
import { createConsoleApi, type RendererTransport } from '../../src/preload/console-api.ts'
import { ConsoleCallError, eventChannel, eventNames, invokeChannel, methodNames, subscriptionName } from '../../src/shared/contract.ts'

type Listener = (event: unknown, payload: unknown) => void

function fakeTransport(answer: unknown = { ok: true, value: [] }) {
  const listeners = new Map<string, Set<Listener>>()
  const transport: RendererTransport & { invoked: Array<[string, unknown[]]>; emit(channel: string, payload: unknown): void } = {
    invoked: [],
    invoke: (channel, ...args) => {
      transport.invoked.push([channel, args])
      return Promise.resolve(answer)
    },
    on: (channel, listener) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel))?.add(listener),
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
    emit: (channel, payload) => listeners.get(channel)?.forEach((listener) => listener({ sender: 'raw ipc event' }, payload))
  }
  return transport
}

const expectedKeys = [...methodNames, ...eventNames.map(subscriptionName)].sort()

describe('the preload bridge', () => {
  it('exposes exactly the contract’s methods and subscriptions, and nothing generic', () => {
    const api = createConsoleApi(fakeTransport())
    expect(Object.keys(api).sort()).toEqual(expectedKeys)
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('send')
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('puts exactly that object on window.api through contextBridge', async () => {
    const exposed = new Map<string, unknown>()
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: fakeTransport()
    }))
    await import('../../src/preload/index.ts')
    expect([...exposed.keys()]).toEqual(['api'])
    expect(Object.keys(exposed.get('api') as object).sort()).toEqual(expectedKeys)
    vi.doUnmock('electron')
  })

  it('sends a method’s arguments on its own channel and returns the value', async () => {
    const transport = fakeTransport({ ok: true, value: ['notice'] })
    const api = createConsoleApi(transport)
    await expect(api.dismissNotice('n1')).resolves.toEqual(['notice'])
    expect(transport.invoked).toEqual([[invokeChannel('dismissNotice'), [['n1']]]])
  })

  it('turns main’s refusal into a ConsoleCallError with its code', async () => {
    const api = createConsoleApi(fakeTransport({ ok: false, error: { code: 'invalidArguments', message: 'bad' } }))
    const failure = api.listCloudApplications()
    await expect(failure).rejects.toBeInstanceOf(ConsoleCallError)
    await expect(failure).rejects.toMatchObject({ code: 'invalidArguments', message: 'bad' })
  })

  it('hands listeners the payload only, and the returned function unsubscribes', () => {
    const transport = fakeTransport()
    const api = createConsoleApi(transport)
    const received: unknown[] = []
    const unsubscribe = api.onNoticesChanged((payload) => received.push(payload))
    transport.emit(eventChannel('noticesChanged'), ['first'])
    unsubscribe()
    transport.emit(eventChannel('noticesChanged'), ['second'])
    expect(received).toEqual([['first']])
  })

  it('keeps delivering an event to the other listeners when one throws, as ipcRenderer alone would not', () => {
    const transport = fakeTransport()
    const api = createConsoleApi(transport)
    const failure = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const received: unknown[] = []
    api.onNoticesChanged(() => {
      throw new Error('a broken listener')
    })
    api.onNoticesChanged((payload) => received.push(payload))
    transport.emit(eventChannel('noticesChanged'), { revision: 1, value: [] })
    expect(received).toEqual([{ revision: 1, value: [] }])
    expect(failure).toHaveBeenCalledOnce()
    failure.mockRestore()
  })
})
