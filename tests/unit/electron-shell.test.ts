import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createExternalLinkPolicy } from '../../src/main/external-links.ts'
import { makeTempDir } from '../support/temp-dir.ts'

/** The Electron shell is the one place tests mock: Electron itself cannot run here. */
const electron = vi.hoisted(() => {
  const windows: Array<{ options: Record<string, unknown>; loaded: string | null; webContents: { emit: (name: string) => void } }> = []
  type Listener = (...args: unknown[]) => void
  /** Just enough of an EventEmitter for powerMonitor and Notification. */
  class Emitter {
    listeners = new Map<string, Set<Listener>>()
    on(name: string, listener: Listener) {
      this.listeners.set(name, (this.listeners.get(name) ?? new Set()).add(listener))
      return this
    }
    off(name: string, listener: Listener) {
      this.listeners.get(name)?.delete(listener)
      return this
    }
    once(name: string, listener: Listener) {
      const once: Listener = (...args) => {
        this.off(name, once)
        listener(...args)
      }
      return this.on(name, once)
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args)
    }
  }
  const notificationsSupported = { value: true }
  const notifications: Array<{ options: { title: string; body: string }; show: () => void; emit: (name: string) => void; listeners: Map<string, Set<Listener>> }> = []
  return {
    windows,
    powerMonitor: new Emitter(),
    online: { value: true },
    notificationsSupported,
    notifications,
    Notification: class extends Emitter {
      static isSupported: () => boolean = () => notificationsSupported.value
      options: { title: string; body: string }
      show = vi.fn()
      constructor(options: { title: string; body: string }) {
        super()
        this.options = options
        notifications.push(this)
      }
    },
    openExternal: vi.fn(async () => {}),
    setAppUserModelId: vi.fn(),
    showErrorBox: vi.fn(),
    exit: vi.fn(),
    quit: vi.fn(),
    userData: '',
    session: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() }
    },
    BrowserWindow: class {
      static getAllWindows: () => unknown[] = () => windows
      options: Record<string, unknown>
      loaded: string | null = null
      constructor(options: Record<string, unknown>) {
        this.options = options
        windows.push(this)
      }
      minimized = false
      calls: string[] = []
      webContents = Object.assign(new Emitter(), { loading: false, isLoading(): boolean { return this.loading } })
      once() {}
      isMinimized() {
        return this.minimized
      }
      restore() {
        this.calls.push('restore')
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
      loadFile(file: string) {
        this.loaded = file
        return Promise.resolve()
      }
    }
  }
})
vi.mock('electron', () => ({
  BrowserWindow: electron.BrowserWindow,
  powerMonitor: electron.powerMonitor,
  net: { isOnline: () => electron.online.value },
  Notification: electron.Notification,
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  shell: { openExternal: electron.openExternal },
  dialog: { showErrorBox: electron.showErrorBox },
  ipcMain: { handle: vi.fn() },
  session: { defaultSession: electron.session },
  app: {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    on: vi.fn(),
    whenReady: () => Promise.resolve(),
    getPath: () => electron.userData,
    setAppUserModelId: electron.setAppUserModelId,
    exit: electron.exit,
    quit: electron.quit
  }
}))
vi.mock('electron-store', () => ({ default: class {} }))

const { createMainWindow, lockDownContents, showMainWindow } = await import('../../src/main/shell/window.ts')
const { applySessionPolicy } = await import('../../src/main/shell/session-policy.ts')
const { watchSystemEvents, NETWORK_POLL_MS } = await import('../../src/main/shell/system-events.ts')
const { desktopNotifications } = await import('../../src/main/shell/desktop-notifications.ts')
const { APP_USER_MODEL_ID, identifyToWindows } = await import('../../src/main/shell/app-user-model-id.ts')
const isAllowedExternalUrl = createExternalLinkPolicy({ sandboxOrigin: 'http://127.0.0.1:53100' })

type Handler = (...args: never[]) => unknown

function fakeContents() {
  const handlers = new Map<string, Handler>()
  let openHandler: ((details: { url: string }) => { action: string }) | null = null
  return {
    handlers,
    open: (url: string) => openHandler?.({ url }),
    on: (name: string, handler: Handler) => handlers.set(name, handler),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler)
  }
}

describe('the Electron shell', () => {
  beforeEach(() => {
    electron.windows.length = 0
    electron.openExternal.mockClear()
  })

  it('creates the window with context isolation, the sandbox and no Node integration, on the renderer scheme', () => {
    createMainWindow('/app/out/preload/index.cjs', {})
    const [window] = electron.windows
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick'
    })
    expect(window?.loaded).toBe('console-app://renderer/index.html')
  })

  it('loads the dev server while developing', () => {
    createMainWindow('/app/out/preload/index.cjs', { devServerUrl: 'http://localhost:5173/' })
    expect(electron.windows[0]?.loaded).toBe('http://localhost:5173/')
  })

  it('blocks navigation, redirects and webviews', () => {
    const contents = fakeContents()
    lockDownContents(contents as never, isAllowedExternalUrl)
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      ;(contents.handlers.get(name) as (event: unknown) => void)(event)
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
  })

  it('denies every new window, and sends only allowlisted links to the system browser', () => {
    const contents = fakeContents()
    lockDownContents(contents as never, isAllowedExternalUrl)
    expect(contents.open('https://purview.microsoft.com/audit/auditsearch')).toEqual({ action: 'deny' })
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(electron.openExternal.mock.calls).toEqual([['https://purview.microsoft.com/audit/auditsearch']])
  })

  it('refuses every permission request and sets the CSP on every response', () => {
    const captured: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void
      check?: () => boolean
      headers?: (details: object, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void
    } = {}
    applySessionPolicy({
      setPermissionRequestHandler: (handler: typeof captured.request) => (captured.request = handler),
      setPermissionCheckHandler: (handler: typeof captured.check) => (captured.check = handler),
      webRequest: { onHeadersReceived: (handler: typeof captured.headers) => (captured.headers = handler) }
    } as never, { developing: false })

    const answers: boolean[] = []
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) captured.request?.(null, permission, (granted) => answers.push(granted))
    expect(answers).toEqual([false, false, false, false])
    expect(captured.check?.()).toBe(false)

    let headers: Record<string, string[]> = {}
    captured.headers?.({ responseHeaders: { 'x-other': ['1'] } }, (response) => (headers = response.responseHeaders))
    expect(headers['x-other']).toEqual(['1'])
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/default-src 'none'; script-src 'self'/)
  })
})

describe('the Electron shell’s power and network events', () => {
  const heard: string[] = []
  const listeners = { resumed: () => heard.push('resumed'), networkReturned: () => heard.push('networkReturned') }
  beforeEach(() => {
    heard.length = 0
    electron.online.value = true
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('hands on every resume from sleep, until stopped', () => {
    const stop = watchSystemEvents(listeners)
    electron.powerMonitor.emit('resume')
    electron.powerMonitor.emit('resume')
    expect(heard).toEqual(['resumed', 'resumed'])
    stop()
    electron.powerMonitor.emit('resume')
    expect(heard).toEqual(['resumed', 'resumed'])
    expect(electron.powerMonitor.listeners.get('resume')?.size).toBe(0)
  })

  it('asks the network every 15 seconds, and hands on only its return, until stopped', () => {
    expect(NETWORK_POLL_MS).toBe(15_000)
    const stop = watchSystemEvents(listeners)
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    expect(heard).toEqual([])

    electron.online.value = false
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    expect(heard).toEqual([])
    electron.online.value = true
    vi.advanceTimersByTime(NETWORK_POLL_MS - 1)
    expect(heard).toEqual([])
    vi.advanceTimersByTime(1)
    expect(heard).toEqual(['networkReturned'])
    vi.advanceTimersByTime(4 * NETWORK_POLL_MS)
    expect(heard).toEqual(['networkReturned'])

    stop()
    expect(vi.getTimerCount()).toBe(0)
    electron.online.value = false
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    electron.online.value = true
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    expect(heard).toEqual(['networkReturned'])
  })

  it('counts a start without network as offline, so the first connection is a return', () => {
    electron.online.value = false
    const stop = watchSystemEvents(listeners)
    electron.online.value = true
    vi.advanceTimersByTime(NETWORK_POLL_MS)
    expect(heard).toEqual(['networkReturned'])
    stop()
  })

  it('does not keep the app alive for its polling', () => {
    vi.useRealTimers()
    const spy = vi.spyOn(globalThis, 'setInterval')
    const stop = watchSystemEvents(listeners)
    const poll = spy.mock.results[0]?.value as ReturnType<typeof setInterval>
    spy.mockRestore()
    expect(poll.hasRef()).toBe(false)
    stop()
  })
})

describe('the Electron shell’s desktop notifications', () => {
  beforeEach(() => {
    electron.windows.length = 0
    electron.notifications.length = 0
    electron.notificationsSupported.value = true
  })

  it('offers none where the system has none', () => {
    electron.notificationsSupported.value = false
    expect(desktopNotifications(() => {})).toBeUndefined()
  })

  it('shows the notification, and its click brings the console forward, then runs what the console asked', () => {
    const order: string[] = []
    const notify = desktopNotifications(() => order.push('window'))
    notify?.({ title: 'Microsoft 365: reconnect required', body: 'Open the connection status to reconnect.' }, () => order.push('onClick'))
    const [shown] = electron.notifications
    expect(shown?.options).toEqual({ title: 'Microsoft 365: reconnect required', body: 'Open the connection status to reconnect.' })
    expect(shown?.show).toHaveBeenCalledOnce()
    expect(order).toEqual([])

    shown?.emit('click')
    expect(order).toEqual(['window', 'onClick'])
  })

  it('runs what the console asked only once a window that is still loading has loaded its page', () => {
    const order: string[] = []
    const notify = desktopNotifications(() => {
      // As on macOS after the last window closed: the click opens a new one, whose page is loading.
      const window = new electron.BrowserWindow({})
      window.webContents.loading = true
      order.push('window')
    })
    notify?.({ title: 'Microsoft 365: reconnect required', body: 'Open the connection status to reconnect.' }, () => order.push('onClick'))
    electron.notifications[0]?.emit('click')
    expect(order).toEqual(['window'])
    electron.windows[0]?.webContents.emit('did-finish-load')
    expect(order).toEqual(['window', 'onClick'])
  })
})

describe('the app’s identity on Windows', () => {
  const savedPlatform = Object.getOwnPropertyDescriptor(process, 'platform')
  let dir: ReturnType<typeof makeTempDir>
  const savedDataDir = process.env.CONSOLE_DATA_DIR
  beforeEach(() => {
    dir = makeTempDir('console-shell-windows')
    electron.setAppUserModelId.mockClear()
    electron.exit.mockClear()
    vi.resetModules()
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  })
  afterEach(() => {
    if (savedPlatform) Object.defineProperty(process, 'platform', savedPlatform)
    vi.restoreAllMocks()
    if (savedDataDir === undefined) delete process.env.CONSOLE_DATA_DIR
    else process.env.CONSOLE_DATA_DIR = savedDataDir
    dir.remove()
  })

  it('is the installer’s appId, so that notifications of an installed build show and their clicks come back', () => {
    const builder = readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8')
    expect(/^appId:\s*(\S+)\s*$/m.exec(builder)?.[1]).toBe(APP_USER_MODEL_ID)
    const app = { setAppUserModelId: vi.fn() }
    identifyToWindows(app, 'win32')
    expect(app.setAppUserModelId).toHaveBeenCalledWith(APP_USER_MODEL_ID)
    identifyToWindows(app, 'darwin')
    identifyToWindows(app, 'linux')
    expect(app.setAppUserModelId).toHaveBeenCalledOnce()
  })

  it('is given to Windows as the shell starts, before the app is ready', async () => {
    Object.defineProperty(process, 'platform', { value: 'win32', configurable: true })
    const file = join(dir.path, 'data-is-a-file')
    writeFileSync(file, '')
    process.env.CONSOLE_DATA_DIR = file
    await import('../../src/main/index.ts')
    expect(electron.setAppUserModelId).toHaveBeenCalledWith(APP_USER_MODEL_ID)
    await vi.waitFor(() => expect(electron.exit).toHaveBeenCalled())
  })
})

describe('bringing the console forward', () => {
  beforeEach(() => (electron.windows.length = 0))

  it('restores a minimised window, shows and focuses it', () => {
    createMainWindow('/app/out/preload/index.cjs', {})
    const window = electron.windows[0] as unknown as { minimized: boolean; calls: string[] }
    window.minimized = true
    const open = vi.fn()
    showMainWindow(open)
    expect(window.calls).toEqual(['restore', 'show', 'focus'])
    expect(open).not.toHaveBeenCalled()
  })

  it('opens the window again when the app outlived it', () => {
    const open = vi.fn()
    showMainWindow(open)
    expect(open).toHaveBeenCalledOnce()
  })
})

describe('the Electron shell when start-up fails', () => {
  let dir: ReturnType<typeof makeTempDir>
  const savedDataDir = process.env.CONSOLE_DATA_DIR
  beforeEach(() => {
    dir = makeTempDir('console-shell')
    electron.windows.length = 0
    electron.showErrorBox.mockClear()
    electron.exit.mockClear()
    electron.session.setPermissionRequestHandler.mockReset()
    vi.resetModules()
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  })
  afterEach(() => {
    vi.restoreAllMocks()
    if (savedDataDir === undefined) delete process.env.CONSOLE_DATA_DIR
    else process.env.CONSOLE_DATA_DIR = savedDataDir
    dir.remove()
  })

  it('says why in a dialog and exits non-zero, with no window, when the data folder cannot be opened', async () => {
    const file = join(dir.path, 'data-is-a-file')
    writeFileSync(file, '')
    process.env.CONSOLE_DATA_DIR = file
    await import('../../src/main/index.ts')
    await vi.waitFor(() => expect(electron.exit).toHaveBeenCalled())
    expect(electron.showErrorBox).toHaveBeenCalledWith(
      'Protection Console cannot start',
      expect.stringMatching(new RegExp(`data folder ${file}: .*CONSOLE_DATA_DIR`))
    )
    expect(electron.exit).toHaveBeenCalledWith(1)
    expect(electron.windows).toEqual([])
  })

  it('does the same when a step of the shell itself throws', async () => {
    process.env.CONSOLE_DATA_DIR = join(dir.path, 'data')
    electron.session.setPermissionRequestHandler.mockImplementation(() => {
      throw new Error('session is gone')
    })
    await import('../../src/main/index.ts')
    await vi.waitFor(() => expect(electron.exit).toHaveBeenCalledWith(1))
    expect(electron.showErrorBox).toHaveBeenCalledWith('Protection Console cannot start', expect.stringMatching(/unexpected problem/))
    expect(electron.windows).toEqual([])
  })
})
