import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, session } from 'electron'
import ElectronStore from 'electron-store'
import { createConsoleServices } from './composition.ts'
import { readConsoleConfig } from './console-config.ts'
import { createDispatcher } from './ipc/dispatcher.ts'
import { createSenderPolicy } from './ipc/sender-policy.ts'
import { createConsoleLogger } from './logger.ts'
import { MicrosoftCloudConfigError } from './microsoft-cloud/microsoft-cloud-config.ts'
import { openMicrosoftCloud } from './microsoft-cloud/microsoft-cloud.ts'
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
    let config: ReturnType<typeof readConsoleConfig>
    try {
      config = readConsoleConfig({
        env: process.env,
        defaultDataDir: app.getPath('userData'),
        // Only an unpackaged run (`npm run dev`) falls back to the sandbox; an installed build asks.
        mayUseBuiltInSandbox: !app.isPackaged
      })
    } catch (error) {
      if (!(error instanceof MicrosoftCloudConfigError)) throw error
      dialog.showErrorBox('Protection Console cannot start', error.message)
      app.quit()
      return
    }
    // Started beside the window, not before it: the first paint does not wait for the sandbox's key.
    const microsoftCloud = openMicrosoftCloud(config.microsoftCloud)
    void microsoftCloud.then(
      (cloud) => {
        if (cloud.sandbox) logger.info('no M365_CLIENT_ID is set: using the built-in sandbox tenant', { baseUrl: cloud.sandbox.baseUrl })
        if (cloud.kind === 'unconfigured') logger.info('no client ID is configured: sign-in waits for one in Settings')
      },
      (error: unknown) => logger.error('the built-in sandbox tenant could not start', { reason: String(error) })
    )
    app.on('will-quit', () => void microsoftCloud.then((cloud) => cloud.close(), () => undefined))
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
