import type { Logger } from '../logger.ts'

/**
 * Update checks for the installed console. electron-updater's autoUpdater does the work (it downloads
 * in the background and installs on quit); this only decides when to ask it, and keeps its failures
 * quiet, so this file needs no Electron and is tested with a fake.
 */

/** The one method used of electron-updater's autoUpdater, which satisfies this interface as it is. */
export interface Updater {
  checkForUpdatesAndNotify(): Promise<unknown>
}

export interface UpdateCheckOptions {
  /** Asked at every check, so a change in Settings applies without a restart. */
  enabled: () => boolean
  updater: Updater
  logger: Pick<Logger, 'info' | 'warn'>
  /** Between checks after the first; six hours unless a test says otherwise. */
  intervalMs?: number
}

export const defaultUpdateCheckIntervalMs = 6 * 60 * 60 * 1000

/** Checks once now and then on an interval; returns what stops it (call it on quit). */
export function startUpdateChecks({ enabled, updater, logger, intervalMs = defaultUpdateCheckIntervalMs }: UpdateCheckOptions): () => void {
  let inFlight = false
  const check = async (): Promise<void> => {
    if (!enabled()) return logger.info('update checks are off')
    // A check that is still downloading when the next one is due is left to finish.
    if (inFlight) return
    inFlight = true
    try {
      await updater.checkForUpdatesAndNotify()
    } catch (error) {
      // An offline console, or a release server that is down, is normal: note it for support, tell nobody.
      logger.warn('the update check failed', { error })
    } finally {
      inFlight = false
    }
  }
  void check()
  const timer = setInterval(() => void check(), intervalMs)
  // The timer alone must not keep the process alive.
  timer.unref?.()
  return () => clearInterval(timer)
}
