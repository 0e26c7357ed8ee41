import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, session } from 'electron'
import ElectronStore from 'electron-store'
import { createConsoleServices } from './composition.ts'
import { readConsoleConfig } from './console-config.ts'
import { createDispatcher } from './ipc/dispatcher.ts'
import { createSenderPolicy } from './ipc/sender-policy.ts'
import { createConsoleLogger } from './logger.ts'
import { registerIpcBridge } from './shell/ipc-bridge.ts'
import { applySessionPolicy } from './shell/session-policy.ts'
import { createMainWindow, lockDownContents } from './shell/window.ts'
import type { StateFile } from './state/state-repository.ts'

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

  void app.whenReady().then(() => {
    applySessionPolicy(session.defaultSession, { developing: renderer.devServerUrl !== undefined })
    const logger = createConsoleLogger()
    const config = readConsoleConfig(process.env, app.getPath('userData'))
    const services = createConsoleServices({
      dataDir: config.dataDir,
      logger,
      // electron-store may be loaded only here: importing it outside Electron tries to download Electron.
      openStateFile: (options) => new ElectronStore(options as ConstructorParameters<typeof ElectronStore>[0]) as unknown as StateFile
    })
    registerIpcBridge(createDispatcher(services.handlers, createSenderPolicy(renderer), logger), services.events)
    createMainWindow(preloadFile, renderer)
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadFile, renderer)
    })
  })
}
