import type { App } from 'electron'

/**
 * electron-builder.yml's `appId`. On Windows the installer registers the Start-menu shortcut under
 * it, and Windows shows an app's notifications, and routes their clicks back to it, only when the
 * running process names the same ID.
 */
export const APP_USER_MODEL_ID = 'com.example.protection-console'

/** Names the process to Windows as the installed app, before any notification is shown. */
export function identifyToWindows(app: Pick<App, 'setAppUserModelId'>, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
}
