import { BrowserWindow, shell } from 'electron'
import type { IsAllowedExternalUrl } from '../external-links.ts'
import { rendererIndexUrl } from '../renderer-files.ts'

export interface RendererLocation {
  /** Set only while developing (`npm run dev`); otherwise the window loads the renderer scheme. */
  devServerUrl?: string
}

export function createMainWindow(preloadFile: string, renderer: RendererLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Protection Console',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click would open a link in a new window behind the page's back; nothing here needs it.
      disableBlinkFeatures: 'Auxclick'
    }
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(renderer.devServerUrl ?? rendererIndexUrl)
  return window
}

/**
 * Brings the console to the front: restored when minimised, or opened again where the app outlives
 * its windows (macOS). A new window shows itself once painted, so it is not shown here.
 */
/**
 * Runs `run` once the main window's page has loaded: a window just opened (a notification clicked
 * after the last window closed, on macOS) would otherwise miss what `run` announces to it.
 */
export function whenPageLoaded(run: () => void): void {
  const [window] = BrowserWindow.getAllWindows()
  if (window?.webContents.isLoading()) window.webContents.once('did-finish-load', run)
  else run()
}

export function showMainWindow(openWindow: () => void): void {
  const [window] = BrowserWindow.getAllWindows()
  if (!window) return openWindow()
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/**
 * Applied to every web contents the app ever creates, so no window can be navigated or spawn another.
 * The allowlist is asked at each request, because the sandbox's origin is known only once it runs.
 */
export function lockDownContents(contents: Electron.WebContents, isAllowedExternalUrl: IsAllowedExternalUrl): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}
