import { afterAll, describe, expect, it, vi } from 'vitest'
import { invokeChannel } from '../../src/shared/contract.ts'
import type { ConsoleServices } from '../../src/main/composition.ts'
import { NETWORK_POLL_MS } from '../../src/main/shell/system-events.ts'
import type { StartUpHost } from '../../src/main/start-up.ts'
import { startSandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { makeTempDir } from '../support/temp-dir.ts'

/**
 * src/main/index.ts as a packaged run wires it, against fake Electron objects: the window on the
 * renderer scheme, the sender check by origin, and the openExternal allowlist that learns the
 * cloud's own loopback origin once the cloud has opened, and no other.
 */
type Listener = (...args: never[]) => unknown
const electron = vi.hoisted(() => ({
  windows: [] as Array<{ loaded: string | null; calls: string[] }>,
  resumeListeners: new Set<() => void>(),
  online: { value: true },
  notifications: [] as Array<{ options: { title: string; body: string }; shown: boolean; listeners: Map<string, () => void> }>,
  appListeners: new Map<string, (...args: never[]) => unknown>(),
  ipcHandlers: new Map<string, (event: unknown, args: unknown) => unknown>(),
  schemes: [] as string[],
  openExternal: vi.fn((url: string) => Promise.resolve(void url)),
  quit: vi.fn()
}))
vi.mock('electron', () => ({
  BrowserWindow: class {
    static getAllWindows = (): unknown[] => electron.windows
    loaded: string | null = null
    calls: string[] = []
    webContents = { send: vi.fn(), isLoading: () => false, once: vi.fn() }
    constructor() {
      electron.windows.push(this)
    }
    once() {}
    isMinimized() {
      return false
    }
    show() {
      this.calls.push('show')
    }
    focus() {
      this.calls.push('focus')
    }
    loadURL(url: string) {
      this.loaded = url
      return Promise.resolve()
    }
  },
  shell: { openExternal: electron.openExternal },
  powerMonitor: {
    on: (name: string, listener: () => void) => name === 'resume' && electron.resumeListeners.add(listener),
    off: (name: string, listener: () => void) => name === 'resume' && electron.resumeListeners.delete(listener)
  },
  net: { isOnline: () => electron.online.value },
  Notification: class {
    static isSupported = () => true
    options: { title: string; body: string }
    shown = false
    listeners = new Map<string, () => void>()
    constructor(options: { title: string; body: string }) {
      this.options = options
      electron.notifications.push(this)
    }
    on(name: string, listener: () => void) {
      this.listeners.set(name, listener)
    }
    show() {
      this.shown = true
    }
  },
  dialog: { showErrorBox: vi.fn() },
  ipcMain: { handle: (channel: string, handler: (event: unknown, args: unknown) => unknown) => electron.ipcHandlers.set(channel, handler) },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: (scheme: string) => electron.schemes.push(scheme) },
  session: {
    defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } }
  },
  app: {
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    on: (name: string, listener: Listener) => electron.appListeners.set(name, listener),
    whenReady: () => Promise.resolve(),
    getPath: () => '',
    exit: vi.fn(),
    quit: electron.quit
  }
}))
// electron-updater requires the real electron when it loads, which would try to download the binary.
const updater = vi.hoisted(() => ({ checkForUpdatesAndNotify: vi.fn(() => Promise.resolve(null)) }))
vi.mock('electron-updater', () => ({ default: { autoUpdater: updater } }))
// The state file on conf, electron-store's core, as the web preview keeps it: electron-store needs Electron.
vi.mock('electron-store', async () => {
  const { openConfStateFile } = await import('../../src/main/state/conf-state-file.ts')
  return {
    default: class {
      constructor(options: Parameters<typeof openConfStateFile>[0]) {
        return openConfStateFile(options)
      }
    }
  }
})

// What index.ts hands start-up, and the services it gets back, so the shell's wiring can be followed.
const started = vi.hoisted(() => ({ host: null as StartUpHost | null, services: null as ConsoleServices | null }))
vi.mock('../../src/main/start-up.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/main/start-up.ts')>()
  return {
    ...actual,
    startConsole: (host: StartUpHost) => {
      started.host = host
      const result = actual.startConsole(host)
      if (result.started) started.services = result.console.services
      return result
    }
  }
})
// The network poll runs on the fake clock; everything else (the sandbox, MSAL) keeps real time.
vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })

// A stand-in for Microsoft's sign-in on loopback, named by the environment as a check from outside would.
const tenant = await startSandboxTenant()
const loginOrigin = new URL(tenant.baseUrl).origin
const otherPort = `http://127.0.0.1:${Number(new URL(tenant.baseUrl).port) + 1}/`

describe('the composition root in a packaged run', () => {
  const dir = makeTempDir('composition-root')
  const saved = { ...process.env }
  afterAll(async () => {
    vi.useRealTimers()
    process.env = saved
    // Quitting closes the services (and their sign-in) before the app goes.
    ;(electron.appListeners.get('will-quit') as ((event: unknown) => void) | undefined)?.({ preventDefault: () => {} })
    await vi.waitFor(() => expect(electron.quit).toHaveBeenCalled())
    await tenant.close()
    dir.remove()
  })

  it('loads the renderer scheme, trusts it by origin, and opens loopback only on the cloud’s own origin', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    Object.assign(process.env, {
      CONSOLE_DATA_DIR: dir.path,
      M365_CLIENT_ID: tenant.clientId,
      M365_LOGIN_ENDPOINT: tenant.baseUrl,
      M365_GRAPH_ENDPOINT: tenant.baseUrl,
      M365_MANAGEMENT_ENDPOINT: tenant.baseUrl
    })
    await import('../../src/main/index.ts')
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1))
    expect(electron.windows[0]?.loaded).toBe('console-app://renderer/index.html')
    expect(electron.schemes).toEqual(['console-app'])
    // An installed build checks for updates at launch, unless CONSOLE_UPDATES=off.
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledOnce()

    const call = (url: string) => {
      const frame = { url }
      return electron.ipcHandlers.get(invokeChannel('listCloudApplications'))?.({ senderFrame: frame, sender: { mainFrame: frame } }, [])
    }
    expect(await call('console-app://renderer/index.html')).toMatchObject({ ok: true })
    expect(await call('file:///opt/console/out/renderer/index.html')).toMatchObject({ ok: false, error: { code: 'untrustedSender' } })

    let openHandler: ((details: { url: string }) => unknown) | undefined
    const contents = { on: vi.fn(), setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler) }
    ;(electron.appListeners.get('web-contents-created') as (event: unknown, contents: unknown) => void)({}, contents)
    await vi.waitFor(() => {
      openHandler?.({ url: `${loginOrigin}/organizations/oauth2/v2.0/authorize` })
      expect(electron.openExternal).toHaveBeenCalledWith(`${loginOrigin}/organizations/oauth2/v2.0/authorize`)
    })
    electron.openExternal.mockClear()
    openHandler?.({ url: otherPort })
    openHandler?.({ url: tenant.baseUrl.replace('127.0.0.1', 'localhost') })
    expect(electron.openExternal).not.toHaveBeenCalled()
    vi.restoreAllMocks()
  })

  it('hands the services each resume and the network’s return, shows their notifications, and stops listening at quit', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const services = started.services
    if (!services) throw new Error('the console did not start')
    const resumed = vi.spyOn(services, 'systemResumed')
    const returned = vi.spyOn(services, 'networkReturned')

    for (const listener of electron.resumeListeners) listener()
    expect(resumed).toHaveBeenCalledOnce()

    vi.advanceTimersByTime(NETWORK_POLL_MS)
    electron.online.value = false
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    expect(returned).not.toHaveBeenCalled()
    electron.online.value = true
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    expect(returned).toHaveBeenCalledOnce()

    // What the composition root calls when a heartbeat takes the connection from Connected to worse.
    const onClick = vi.fn()
    started.host?.notify?.({ title: 'Microsoft 365: reconnect required', body: 'Open the connection status to reconnect.' }, onClick)
    const [notification] = electron.notifications
    expect(notification).toMatchObject({ options: { title: 'Microsoft 365: reconnect required' }, shown: true })
    notification?.listeners.get('click')?.()
    expect(electron.windows[0]?.calls).toEqual(['show', 'focus'])
    expect(onClick).toHaveBeenCalledOnce()

    ;(electron.appListeners.get('will-quit') as (event: unknown) => void)({ preventDefault: () => {} })
    await vi.waitFor(() => expect(electron.quit).toHaveBeenCalled())
    expect(electron.resumeListeners.size).toBe(0)
    electron.online.value = false
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    electron.online.value = true
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    expect(returned).toHaveBeenCalledOnce()
    vi.restoreAllMocks()
  })
})
