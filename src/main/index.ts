import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, session } from 'electron'
import ElectronStore from 'electron-store'
import { createDispatcher } from './ipc/dispatcher.ts'
import { createSenderPolicy } from './ipc/sender-policy.ts'
import { createConsoleLogger } from './logger.ts'
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
        // electron-store may be loaded only here: importing it outside Electron tries to download Electron.
        openStateFile: (options) => new ElectronStore(options)
      })
      if (!started.started) return showStartUpFailure(started.failure)
      const { services, microsoftCloud } = started.console
      app.on('will-quit', () => void microsoftCloud.then((cloud) => cloud.close(), () => undefined))
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
