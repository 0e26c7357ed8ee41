import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, session, shell } from 'electron'
import ElectronStore from 'electron-store'
import { createDispatcher } from './ipc/dispatcher.ts'
import { createSenderPolicy } from './ipc/sender-policy.ts'
import { isAllowedExternalUrl } from './external-links.ts'
import { createConsoleLogger } from './logger.ts'
import { loadKeytarSecretStore } from './microsoft-365/token-cache/keytar-secret-store.ts'
import { registerIpcBridge } from './shell/ipc-bridge.ts'
import { applySessionPolicy } from './shell/session-policy.ts'
import { showStartUpFailure } from './shell/start-up-failure-dialog.ts'
import { createMainWindow, lockDownContents } from './shell/window.ts'
import { asStartUpFailure } from './start-up-failure.ts'
import { startConsole } from './start-up.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const preloadFile = join(here, '../preload/index.cjs')
const renderer = {
  rendererFile: join(here, '../renderer/index.html'),
  ...(!app.isPackaged && process.env.ELECTRON_RENDERER_URL ? { devServerUrl: process.env.ELECTRON_RENDERER_URL } : {})
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents))
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  const logger = createConsoleLogger()
  void app.whenReady().then(() => {
    // Any throw in here would otherwise leave the process holding the single-instance lock with no
    // window: every failure ends in a dialog and a non-zero exit instead.
    try {
      applySessionPolicy(session.defaultSession, { developing: renderer.devServerUrl !== undefined })
      const started = startConsole({
        env: process.env,
        defaultDataDir: app.getPath('userData'),
        // Only an unpackaged run (`npm run dev`) falls back to the sandbox; an installed build asks.
        mayUseBuiltInSandbox: !app.isPackaged,
        logger,
        secrets: loadKeytarSecretStore(),
        // Sign-in happens in the admin's own browser, where their accounts and security keys are.
        openBrowser: (url) =>
          isAllowedExternalUrl(url) ? shell.openExternal(url) : Promise.reject(new Error('refused to open a URL outside the allowlist')),
        // electron-store may be loaded only here: importing it outside Electron tries to download Electron.
        openStateFile: (options) => new ElectronStore(options)
      })
      if (!started.started) return showStartUpFailure(started.failure)
      const { services } = started.console
      // Quitting mid-connect must still cancel it and empty the token cache, so quit waits for that.
      let closed = false
      app.on('will-quit', (event) => {
        if (closed) return
        event.preventDefault()
        void services.close().finally(() => {
          closed = true
          app.quit()
        })
      })
      registerIpcBridge(createDispatcher(services.handlers, createSenderPolicy(renderer), logger), services.events)
      createMainWindow(preloadFile, renderer)
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadFile, renderer)
      })
    } catch (error) {
      logger.error('the console could not start', { error })
      showStartUpFailure(asStartUpFailure(error))
    }
  })
}
