import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createExternalLinkPolicy } from '../../src/main/external-links.ts'
import { makeTempDir } from '../support/temp-dir.ts'

/** The Electron shell is the one place tests mock: Electron itself cannot run here. */
const electron = vi.hoisted(() => {
  const windows: Array<{ options: Record<string, unknown>; loaded: string | null }> = []
  return {
    windows,
    openExternal: vi.fn(async () => {}),
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
      options: Record<string, unknown>
      loaded: string | null = null
      constructor(options: Record<string, unknown>) {
        this.options = options
        windows.push(this)
      }
      once() {}
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
    exit: electron.exit,
    quit: electron.quit
  }
}))
vi.mock('electron-store', () => ({ default: class {} }))

const { createMainWindow, lockDownContents } = await import('../../src/main/shell/window.ts')
const { applySessionPolicy } = await import('../../src/main/shell/session-policy.ts')
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
