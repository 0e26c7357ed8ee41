import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, session, shell } from 'electron'
import ElectronStore from 'electron-store'
// electron-updater is CommonJS: from an ES module only its default export is visible.
import electronUpdater from 'electron-updater'
import { builtInClientId } from './built-in-client-id.ts'
import { createDispatcher } from './ipc/dispatcher.ts'
import { createSenderPolicy } from './ipc/sender-policy.ts'
import { createExternalLinkPolicy, sandboxOriginOf } from './external-links.ts'
import { createConsoleLogger } from './logger.ts'
import type { CurrentCloud } from './microsoft-365/microsoft-cloud-session.ts'
import { loadKeytarSecretStore } from './microsoft-365/token-cache/keytar-secret-store.ts'
import { rendererOrigin } from './renderer-files.ts'
import { identifyToWindows } from './shell/app-user-model-id.ts'
import { registerIpcBridge } from './shell/ipc-bridge.ts'
import { registerRendererScheme, serveRendererScheme } from './shell/renderer-protocol.ts'
import { applySessionPolicy } from './shell/session-policy.ts'
import { desktopNotifications } from './shell/desktop-notifications.ts'
import { showStartUpFailure } from './shell/start-up-failure-dialog.ts'
import { watchSystemEvents } from './shell/system-events.ts'
import { createMainWindow, lockDownContents, showMainWindow } from './shell/window.ts'
import { asStartUpFailure } from './start-up-failure.ts'
import { startConsole } from './start-up.ts'
import { startUpdateChecks } from './updates/update-check.ts'
import { updateChecksEnabled } from './updates/update-checks-enabled.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const preloadFile = join(here, '../preload/index.cjs')
const rendererDir = join(here, '../renderer')
const renderer = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? { devServerUrl: process.env.ELECTRON_RENDERER_URL } : {}
const showWindow = () => showMainWindow(() => createMainWindow(preloadFile, renderer))

// Microsoft's pages, plus the running sandbox's own origin once a cloud has opened, and no other loopback.
let isAllowedExternalUrl = createExternalLinkPolicy()
let currentCloud: () => Promise<CurrentCloud> = () => Promise.resolve({ kind: 'unconfigured' })
const followCloud = async (): Promise<void> => {
  isAllowedExternalUrl = createExternalLinkPolicy({ sandboxOrigin: sandboxOriginOf(await currentCloud()) })
}

// Schemes can be made privileged only before the app is ready.
registerRendererScheme()
identifyToWindows(app)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => isAllowedExternalUrl(url)))
  app.on('second-instance', showWindow)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  const logger = createConsoleLogger()
  void app.whenReady().then(() => {
    // Any throw in here would otherwise leave the process holding the single-instance lock with no
    // window: every failure ends in a dialog and a non-zero exit instead.
    try {
      applySessionPolicy(session.defaultSession, { developing: renderer.devServerUrl !== undefined })
      serveRendererScheme(rendererDir)
      // A click on a notification brings the console forward before the status dialog opens in it.
      const notify = desktopNotifications(showWindow)
      const started = startConsole({
        env: process.env,
        defaultDataDir: app.getPath('userData'),
        // Only an unpackaged run (`npm run dev`) falls back to the sandbox; an installed build asks.
        mayUseBuiltInSandbox: !app.isPackaged,
        logger,
        secrets: loadKeytarSecretStore(),
        // Sign-in happens in the admin's own browser, where their accounts and security keys are.
        // Settings may have switched the cloud (and its sandbox's port) since start-up: ask which it is now.
        openBrowser: async (url) => {
          await followCloud()
          if (!isAllowedExternalUrl(url)) throw new Error('refused to open a URL outside the allowlist')
          await shell.openExternal(url)
        },
        // electron-store may be loaded only here: importing it outside Electron tries to download Electron.
        openStateFile: (options) => new ElectronStore(options),
        builtInClientId: builtInClientId(),
        ...(notify ? { notify } : {})
      })
      if (!started.started) return showStartUpFailure(started.failure)
      const { services } = started.console
      currentCloud = services.currentCloud
      void followCloud()
      registerIpcBridge(createDispatcher(services.handlers, createSenderPolicy(renderer.devServerUrl ? renderer : { appOrigin: rendererOrigin }), logger), services.events)
      createMainWindow(preloadFile, renderer)
      const stopSystemEvents = watchSystemEvents({ resumed: () => services.systemResumed(), networkReturned: () => services.networkReturned() })
      const stopUpdateChecks = startUpdateChecks({
        enabled: () => updateChecksEnabled(process.env, app.isPackaged) && services.updateChecksWanted(),
        updater: electronUpdater.autoUpdater,
        logger
      })
      // Quitting mid-connect must still cancel it and empty the token cache, so quit waits for that.
      let closed = false
      app.on('will-quit', (event) => {
        if (closed) return
        stopUpdateChecks()
        stopSystemEvents()
        event.preventDefault()
        void services.close().finally(() => {
          closed = true
          app.quit()
        })
      })
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadFile, renderer)
      })
    } catch (error) {
      logger.error('the console could not start', { error })
      showStartUpFailure(asStartUpFailure(error))
    }
  })
}
