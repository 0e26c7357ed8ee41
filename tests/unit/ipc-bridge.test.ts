import { describe, expect, it, vi } from 'vitest'
import { ConsoleEventHub } from '../../src/main/console-events.ts'
import type { ConsoleHandlers } from '../../src/main/ipc/console-handlers.ts'
import { createDispatcher } from '../../src/main/ipc/dispatcher.ts'
import { createSenderPolicy } from '../../src/main/ipc/sender-policy.ts'
import { silentLogger } from '../../src/main/logger.ts'
import { eventChannel, invokeChannel, methodNames } from '../../src/shared/contract.ts'

/** Electron's ipcMain and windows, mocked: the shell is the one place tests may do that. */
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, args: unknown) => unknown>(),
  sent: [] as Array<[string, unknown]>
}))
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: (event: unknown, args: unknown) => unknown) => electron.handlers.set(channel, handler) },
  BrowserWindow: { getAllWindows: () => [{ webContents: { send: (channel: string, payload: unknown) => electron.sent.push([channel, payload]) } }] }
}))
const { stubHandlers } = await import('../support/stub-handlers.ts')
const { registerIpcBridge } = await import('../../src/main/shell/ipc-bridge.ts')

const consolePage = 'console-app://renderer/index.html'
const handlers: ConsoleHandlers = stubHandlers({
  listCloudApplications: () => ({ revision: 0, value: [{ id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' } }] }),
  listNotices: () => ({ revision: 0, value: [] }),
  dismissNotice: () => ({ revision: 0, value: [] })
})
const events = new ConsoleEventHub(silentLogger)
registerIpcBridge(createDispatcher(handlers, createSenderPolicy({ appOrigin: 'console-app://renderer' }), silentLogger), events)

function callFrom(url: string, { mainFrame = true } = {}) {
  const frame = { url }
  return { senderFrame: frame, sender: { mainFrame: mainFrame ? frame : { url } } }
}

const invoke = (method: string, event: unknown, args: unknown) => electron.handlers.get(invokeChannel(method as never))?.(event, args)

describe('the Electron IPC bridge', () => {
  it('registers one handler per contract method, and nothing else', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(methodNames.map(invokeChannel).sort())
  })

  it('answers the console’s own page', async () => {
    expect(await invoke('listCloudApplications', callFrom(consolePage), [])).toMatchObject({ ok: true })
  })

  it('rejects invalid arguments with a clear error', async () => {
    expect(await invoke('dismissNotice', callFrom(consolePage), [{}])).toMatchObject({
      ok: false,
      error: { code: 'invalidArguments', message: expect.stringContaining('dismissNotice') as unknown }
    })
  })

  it('rejects an unknown sender: another page, the renderer as a file, or a subframe of our own', async () => {
    expect(await invoke('listCloudApplications', callFrom('https://evil.example/'), [])).toMatchObject({ ok: false, error: { code: 'untrustedSender' } })
    expect(await invoke('listCloudApplications', callFrom('file:///opt/console/out/renderer/index.html'), [])).toMatchObject({
      ok: false,
      error: { code: 'untrustedSender' }
    })
    expect(await invoke('listCloudApplications', callFrom(consolePage, { mainFrame: false }), [])).toMatchObject({
      ok: false,
      error: { code: 'untrustedSender' }
    })
  })

  it('sends main’s events to every window on the event’s channel', () => {
    events.emit('noticesChanged', [])
    expect(electron.sent).toEqual([[eventChannel('noticesChanged'), { revision: 1, value: [] }]])
  })
})
