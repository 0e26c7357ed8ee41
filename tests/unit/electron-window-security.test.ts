import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { contentSecurityPolicy } from '../../src/main/content-security-policy.ts'
import { makeTempDir } from '../support/temp-dir.ts'

/**
 * Electron's security checklist, asserted against fake Electron objects: no Electron binary runs here.
 * The fakes record what the shell asks of Electron; the shell's own code runs unchanged.
 */
type Listener = (...args: never[]) => unknown
const electron = vi.hoisted(() => {
  const windows: Array<{ options: Record<string, unknown>; loaded: string | null }> = []
  const appListeners = new Map<string, (...args: never[]) => unknown>()
  return {
    windows,
    appListeners,
    openExternal: vi.fn((url: string) => Promise.resolve(void url)),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    session: {
      permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void),
      permissionCheck: null as null | ((...args: unknown[]) => boolean),
      headers: null as null | ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void)
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
        this.loaded = `file:${file}`
        return Promise.resolve()
      }
    }
  }
})
vi.mock('electron', () => ({
  BrowserWindow: electron.BrowserWindow,
  shell: { openExternal: electron.openExternal },
  dialog: { showErrorBox: vi.fn() },
  ipcMain: { handle: vi.fn() },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.schemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => electron.protocolHandlers.set(scheme, handler)
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof electron.session.permissionRequest) => (electron.session.permissionRequest = handler),
      setPermissionCheckHandler: (handler: typeof electron.session.permissionCheck) => (electron.session.permissionCheck = handler),
      webRequest: { onHeadersReceived: (handler: typeof electron.session.headers) => (electron.session.headers = handler) }
    }
  },
  app: {
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    on: (name: string, listener: Listener) => electron.appListeners.set(name, listener),
    whenReady: () => Promise.resolve(),
    getPath: () => '',
    exit: vi.fn(),
    quit: vi.fn()
  }
}))
vi.mock('electron-store', () => ({ default: class {} }))

const { createMainWindow, lockDownContents } = await import('../../src/main/shell/window.ts')
const { applySessionPolicy } = await import('../../src/main/shell/session-policy.ts')
const { registerRendererScheme, serveRendererScheme } = await import('../../src/main/shell/renderer-protocol.ts')
const { createExternalLinkPolicy } = await import('../../src/main/external-links.ts')
const { session } = await import('electron')

const sandboxOrigin = 'http://127.0.0.1:53100'

function fakeContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: ((details: { url: string }) => { action: string }) | null = null
  return {
    /** Emits a navigation-like event and says whether the shell prevented it. */
    emit(name: string, url: string): boolean {
      const event = { preventDefault: vi.fn(), url }
      ;(listeners.get(name) as ((event: unknown, url: string) => void) | undefined)?.(event, url)
      return event.preventDefault.mock.calls.length > 0
    },
    open: (url: string) => openHandler?.({ url }),
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler)
  }
}

beforeEach(() => {
  electron.windows.length = 0
  electron.openExternal.mockClear()
})

describe('the main window', () => {
  it('has context isolation, the sandbox, no Node, no webview, no auxclick, and our preload', () => {
    createMainWindow('/app/out/preload/index.cjs', {})
    expect(electron.windows[0]?.options.webPreferences).toEqual(
      expect.objectContaining({
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        disableBlinkFeatures: 'Auxclick'
      })
    )
    const preferences = electron.windows[0]?.options.webPreferences as Record<string, unknown>
    // Settings that would weaken it are not merely false by default: they are never set at all.
    for (const weakening of ['webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInSubFrames']) {
      expect(preferences[weakening], weakening).toBeUndefined()
    }
  })

  it('loads the renderer from the privileged scheme, never from file://', () => {
    createMainWindow('/app/out/preload/index.cjs', {})
    expect(electron.windows[0]?.loaded).toBe('console-app://renderer/index.html')
  })
})

describe('every web contents', () => {
  const contents = fakeContents()
  lockDownContents(contents as never, createExternalLinkPolicy({ sandboxOrigin }))

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('is refused on %s, whatever the URL', (name) => {
    expect(contents.emit(name, 'https://evil.example/')).toBe(true)
    expect(contents.emit(name, 'console-app://renderer/index.html')).toBe(true)
  })

  it('denies every window.open, and opens only allowlisted URLs in the system browser', () => {
    const asked = [
      'https://purview.microsoft.com/audit/auditsearch',
      `${sandboxOrigin}/contoso/oauth2/v2.0/authorize`,
      'http://127.0.0.1:8080/admin',
      'http://localhost:53100/',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)'
    ]
    for (const url of asked) expect(contents.open(url), url).toEqual({ action: 'deny' })
    expect(electron.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://purview.microsoft.com/audit/auditsearch',
      `${sandboxOrigin}/contoso/oauth2/v2.0/authorize`
    ])
  })
})

describe('the session', () => {
  applySessionPolicy(session.defaultSession, { developing: false })

  it('refuses every permission request and check', () => {
    const answers: boolean[] = []
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      electron.session.permissionRequest?.(null, permission, (granted) => answers.push(granted))
    }
    expect(answers).toEqual([false, false, false, false, false, false])
    expect(electron.session.permissionCheck?.(null, 'media', 'console-app://renderer')).toBe(false)
  })

  it('adds the CSP header to responses, keeping the others', () => {
    let headers: Record<string, string[]> = {}
    electron.session.headers?.({ responseHeaders: { 'x-other': ['1'] } }, (response) => (headers = response.responseHeaders))
    expect(headers).toEqual({ 'x-other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy] })
  })
})

describe('the renderer scheme', () => {
  const dir = makeTempDir('renderer-scheme')
  const rendererDir = join(dir.path, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>')
  writeFileSync(join(dir.path, 'secret.txt'), 'secret')
  registerRendererScheme()
  serveRendererScheme(rendererDir)
  afterAll(() => dir.remove())
  const fetchRenderer = (url: string) => electron.protocolHandlers.get('console-app')?.(new Request(url)) as Promise<Response>

  it('is privileged as a standard, secure scheme that fetch can use', () => {
    expect(electron.schemes).toEqual([{ scheme: 'console-app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
  })

  it('serves index.html as HTML, with the CSP header', async () => {
    const response = await fetchRenderer('console-app://renderer/index.html')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(await response.text()).toContain('<title>console</title>')
  })

  it.each(['console-app://renderer/..%2fsecret.txt', 'console-app://renderer/%2e%2e%2fsecret.txt', 'console-app://renderer/%2fetc%2fpasswd', 'console-app://renderer/..%5csecret.txt'])(
    'refuses %s',
    async (url) => {
      const response = await fetchRenderer(url)
      expect([403, 404]).toContain(response.status)
      expect(await response.text()).not.toContain('secret')
    }
  )
})
