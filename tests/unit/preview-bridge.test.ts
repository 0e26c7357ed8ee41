import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConsoleApi, ConsoleSnapshot, EventPayload } from '../../src/shared/contract.ts'
import { settingsView } from '../support/settings-views.ts'

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
  deliver(name: string, data = ''): void {
    for (const listener of this.#listeners.get(name) ?? []) listener({ data })
  }
}

/** What the preview server answers each call with, by method name. */
type Answers = Record<string, () => Response | Promise<Response>>

async function loadBridge(answers: Answers = {}): Promise<{ api: ConsoleApi; stream: ServerSentEvents; calls: string[] }> {
  const page: { api?: ConsoleApi } = {}
  const calls: string[] = []
  vi.stubGlobal('window', page)
  vi.stubGlobal('EventSource', ServerSentEvents)
  vi.stubGlobal('fetch', async (url: string) => {
    const method = url.split('/').at(-1) ?? ''
    calls.push(method)
    const answer = answers[method]
    if (!answer) throw new TypeError('Failed to fetch')
    return answer()
  })
  vi.resetModules()
  // By path, not by name: the bridge is browser code, typechecked with the DOM in tsconfig.web.json.
  await import(bridgeModule)
  if (!page.api || !ServerSentEvents.latest) throw new Error('the bridge did not install window.api')
  return { api: page.api, stream: ServerSentEvents.latest, calls }
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const bridgeModule = '../../src/preview/bridge/preview-bridge.ts'
const notices: EventPayload<'noticesChanged'> = { revision: 3, value: [] }

const snapshot: ConsoleSnapshot = {
  cloudApplications: { revision: 7, value: [{ id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' } }] },
  notices: { revision: 7, value: [] },
  microsoft365ConnectFlow: { revision: 7, value: { step: 'idle' } },
  microsoft365Permissions: { version: '1', permissions: [] },
  activity: { revision: 7, value: [] },
  settings: {
    revision: 7,
    value: settingsView()
  },
  microsoft365Status: { revision: 7, value: { recentHeartbeats: [], nextHeartbeatAt: null, checking: false, permissions: [], grant: { step: 'idle' } } }
}

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

  it('asks for the state again in one call when the event stream reconnects, since events sent in the gap are lost', async () => {
    const { api, stream, calls } = await loadBridge({ getConsoleSnapshot: () => json({ ok: true, value: snapshot }) })
    const received: Array<[string, unknown]> = []
    api.onNoticesChanged((payload) => received.push(['noticesChanged', payload]))
    api.onCloudApplicationsChanged((payload) => received.push(['cloudApplicationsChanged', payload]))
    api.onMicrosoft365ConnectFlowChanged((payload) => received.push(['microsoft365ConnectFlowChanged', payload]))
    api.onActivityChanged((payload) => received.push(['activityChanged', payload]))
    api.onSettingsChanged((payload) => received.push(['settingsChanged', payload]))
    api.onMicrosoft365StatusChanged((payload) => received.push(['microsoft365StatusChanged', payload]))
    api.onMicrosoft365StatusRequested((payload) => received.push(['microsoft365StatusRequested', payload]))
    stream.deliver('open')
    expect(calls).toEqual([])
    stream.deliver('open')
    await vi.waitFor(() => expect(received).toHaveLength(6))
    expect(calls).toEqual(['getConsoleSnapshot'])
    // microsoft365StatusRequested announces a moment (a clicked notification), not a state: it is not replayed.
    expect(received).toEqual([
      ['cloudApplicationsChanged', snapshot.cloudApplications],
      ['noticesChanged', snapshot.notices],
      ['microsoft365ConnectFlowChanged', snapshot.microsoft365ConnectFlow],
      ['activityChanged', snapshot.activity],
      ['settingsChanged', snapshot.settings],
      ['microsoft365StatusChanged', snapshot.microsoft365Status]
    ])
  })

  it('asks for each list on its own when the snapshot fails, and still delivers those that answer', async () => {
    const refused = () => json({ ok: false, error: { code: 'failed', message: 'Busy.' } })
    const { api, stream, calls } = await loadBridge({
      getConsoleSnapshot: refused,
      listCloudApplications: refused,
      listNotices: () => json({ ok: true, value: notices })
    })
    const received: unknown[] = []
    api.onNoticesChanged((payload) => received.push(payload))
    stream.deliver('open')
    stream.deliver('open')
    await vi.waitFor(() => expect(calls).toHaveLength(7))
    expect(calls).toEqual(['getConsoleSnapshot', 'listCloudApplications', 'listNotices', 'getMicrosoft365ConnectFlow', 'listActivity', 'getSettings', 'getMicrosoft365Status'])
    expect(received).toEqual([notices])
  })

  it('opens the sign-in the console asks for in a new tab, and nothing that is not a web address', async () => {
    const opened: unknown[][] = []
    const { stream } = await loadBridge()
    ;(globalThis as unknown as { window: { open: (...args: unknown[]) => null } }).window.open = (...args) => {
      opened.push(args)
      return null
    }
    stream.deliver('preview:openInBrowser', JSON.stringify({ url: 'http://127.0.0.1:4999/organizations/oauth2/v2.0/authorize?client_id=x' }))
    stream.deliver('preview:openInBrowser', JSON.stringify({ url: 'javascript:alert(1)' }))
    stream.deliver('preview:openInBrowser', JSON.stringify({ url: 'file:///etc/passwd' }))
    stream.deliver('preview:openInBrowser', '{not json')
    expect(opened).toEqual([['http://127.0.0.1:4999/organizations/oauth2/v2.0/authorize?client_id=x', '_blank', 'noopener']])
  })

  it('turns every failed call into a code and a sentence for people, whatever the server or network did', async () => {
    const { api } = await loadBridge({
      listNotices: () => json({ error: 'No such call.' }, 404),
      listCloudApplications: () => new Response('This preview session’s cookie is missing.', { status: 401, headers: { 'content-type': 'text/plain' } })
    })
    await expect(api.listNotices()).rejects.toMatchObject({ code: 'failed', message: 'The preview server refused the call (HTTP 404).' })
    await expect(api.listCloudApplications()).rejects.toMatchObject({ code: 'failed', message: expect.stringContaining('This preview session has ended') as unknown })
    await expect(api.dismissNotice('n1')).rejects.toMatchObject({ code: 'failed', message: expect.stringContaining('cannot reach the preview server') as unknown })
  })
})
