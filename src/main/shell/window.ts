import { BrowserWindow, shell } from 'electron'
import { isAllowedExternalUrl } from '../external-links.ts'

export interface RendererLocation {
  devServerUrl?: string
  rendererFile: string
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
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())
  if (renderer.devServerUrl) void window.loadURL(renderer.devServerUrl)
  else void window.loadFile(renderer.rendererFile)
  return window
}

/** Applied to every web contents the app ever creates, so no window can be navigated or spawn another. */
export function lockDownContents(contents: Electron.WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}
