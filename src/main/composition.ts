import type { Revised } from '../shared/contract-names.ts'
import type { SettingsView } from '../shared/settings.ts'
import { announceActivity, listActivity } from './activity/activity-history.ts'
import { CloudApplicationService } from './cloud-applications/cloud-application-service.ts'
import { ConsoleEventHub } from './console-events.ts'
import type { ConsoleHandlers } from './ipc/console-handlers.ts'
import { readConsoleSnapshot, type SnapshotReads } from './ipc/console-snapshot.ts'
import type { Logger } from './logger.ts'
import { Microsoft365ConnectionWatch } from './microsoft-365/heartbeat/connection-watch.ts'
import type { DesktopNotification } from './microsoft-365/heartbeat/worsened-notification.ts'
import { ConnectFlowState } from './microsoft-365/connection/connect-flow-state.ts'
import { Microsoft365Connector } from './microsoft-365/connection/microsoft365-connector.ts'
import { Microsoft365Disconnector } from './microsoft-365/connection/microsoft365-disconnector.ts'
import { MicrosoftCloudSession, type CurrentCloud } from './microsoft-365/microsoft-cloud-session.ts'
import { manifestView } from './microsoft-365/permission-manifest.ts'
import type { SecretStore } from './microsoft-365/token-cache/secret-store.ts'
import type { MicrosoftCloudSetting } from './microsoft-cloud/microsoft-cloud-config.ts'
import type { MicrosoftCloud } from './microsoft-cloud/microsoft-cloud.ts'
import { ConsoleUserError } from './console-user-error.ts'
import { NoticeService } from './notices/notice-service.ts'
import { SettingsService } from './settings/settings-service.ts'
import { openStateRepository, type OpenStateFile } from './state/state-repository.ts'

/** What only a host can give: where data lives, the system browser, the keychain, a clock and a log. */
export interface ConsoleEnvironment {
  dataDir: string
  openStateFile: OpenStateFile
  logger: Logger
  now?: () => Date
  env: NodeJS.ProcessEnv
  /** True where a missing client ID may fall back to the built-in sandbox: development and the web preview. */
  mayUseBuiltInSandbox: boolean
  /** The publisher's multi-tenant app registration, baked in at build time. */
  builtInClientId?: string | undefined
  /** The OS keychain (keytar), which keeps the token cache's key. */
  secrets: SecretStore
  /** Opens a URL in the system browser: `shell.openExternal` in the app, a new tab in the preview. */
  openBrowser: (url: string) => Promise<void>
  /** The console's own limit on a sign-in in the browser; 5 minutes unless a test says less. */
  signInTimeLimitMs?: number
  /** Tests may open the cloud their own way; the default starts the built-in sandbox when chosen. */
  openCloud?: (setting: MicrosoftCloudSetting) => Promise<MicrosoftCloud>
  /** Shows an OS notification; `onClick` runs when the admin clicks it. Hosts without notifications leave it out. */
  notify?: (notification: DesktopNotification, onClick: () => void) => void
  /** The Graph client's retry settings for heartbeats; tests shorten them. */
  heartbeatGraphRetry?: { delaySeconds?: number; maxRetries?: number }
  /** How long one heartbeat may take in all; 2 minutes unless a test says less. */
  heartbeatTimeLimitMs?: number
}

export type { DesktopNotification } from './microsoft-365/heartbeat/worsened-notification.ts'
export { QUIT_WAITS_FOR_HEARTBEAT_MS } from './microsoft-365/heartbeat/connection-watch.ts'

export interface ConsoleServices {
  handlers: ConsoleHandlers
  events: ConsoleEventHub
  /** The Microsoft cloud as it opened at start-up; the preview prints the sandbox's address from it. */
  microsoftCloud: Promise<CurrentCloud>
  /** Whether the admin wants update checks (Settings, or CONSOLE_UPDATES=off). */
  updateChecksWanted: () => boolean
  /** The cloud in use now, which Settings may have switched since start-up. */
  currentCloud: () => Promise<CurrentCloud>
  /** The computer woke from sleep: the shell's power event. */
  systemResumed(): void
  /** The network came back: the shell's online event. */
  networkReturned(): void
  close(): Promise<void>
}

export const DEFAULT_SIGN_IN_TIME_LIMIT_MS = 5 * 60_000

/**
 * The one composition root. The Electron shell and the web preview each hand it what only they can
 * provide and get back the same services.
 */
export function createConsoleServices(environment: ConsoleEnvironment): ConsoleServices {
  const { logger } = environment
  const now = environment.now ?? (() => new Date())
  const signInTimeLimitMs = environment.signInTimeLimitMs ?? DEFAULT_SIGN_IN_TIME_LIMIT_MS
  const events = new ConsoleEventHub(logger)
  const { repository, recovery } = openStateRepository(environment.dataDir, environment.openStateFile, { logger, now })
  if (recovery) logger.warn('the saved state could not be read and was kept aside', { ...recovery })
  const notices = new NoticeService(
    events,
    logger,
    recovery ? [{ kind: 'stateRecovered', id: `stateRecovered:${recovery.backupFile}`, ...recovery }] : []
  )
  const cloudApplications = new CloudApplicationService(repository, events)
  announceActivity(repository, events)

  const session = new MicrosoftCloudSession({
    dataDir: environment.dataDir,
    secrets: environment.secrets,
    openBrowser: environment.openBrowser,
    logger,
    onSessionOnly: (reason) => void notices.raise({ kind: 'keychainUnavailable', id: 'keychainUnavailable', reason }),
    ...(environment.openCloud ? { openCloud: environment.openCloud } : {})
  })
  const cloud = async () => {
    await tidiedUp
    return session.current()
  }
  const eraseTokenCache = () => session.eraseTokenCache()
  const connector = new Microsoft365Connector({
    repository,
    flow: new ConnectFlowState(events),
    cloud,
    settingsSaving: () => settings.saving(),
    logger,
    now,
    signInTimeLimitMs
  })
  const disconnector = new Microsoft365Disconnector({ repository, cloud, eraseTokenCache, logger, now, signInTimeLimitMs })
  const settings = new SettingsService({
    repository,
    env: environment.env,
    builtInClientId: environment.builtInClientId,
    mayUseBuiltInSandbox: environment.mayUseBuiltInSandbox,
    busyReason: () => {
      const connection = repository.read().connections.microsoft365
      if (connection && connection.status !== 'notConnected') return 'Disconnect Microsoft 365 before you change the app registration or the cloud.'
      if (connector.inProgress()) return 'Finish or cancel the connect to Microsoft 365 before you change the app registration or the cloud.'
      return null
    },
    applyCloud: async (setting) => {
      try {
        await session.open(setting)
      } catch (error) {
        logger.error('the Microsoft cloud chosen in Settings could not be opened', { error })
        throw new ConsoleUserError(
          'failed',
          setting.kind === 'builtInSandbox'
            ? 'The settings were saved, but the sandbox tenant could not start. Restart the console and try again.'
            : 'The settings were saved, but the console could not prepare the sign-in for that cloud. Check your internet connection, then save again.'
        )
      }
    }
  })
  const microsoftCloud = logCloud(session.open(settings.cloudSetting()), logger)
  // A console that quit in the middle of a connect may have left tokens without a connection: they go
  // before anything signs in again.
  const tidiedUp = microsoftCloud.then(async () => {
    const connection = repository.read().connections.microsoft365
    if (!connection || connection.status === 'notConnected') {
      await eraseTokenCache().catch((error: unknown) => logger.error('left-over tokens could not be removed', { error }))
    }
  })
  announceSettings(events, () => settings.view())

  const watch = new Microsoft365ConnectionWatch({
    repository,
    events,
    notices,
    logger,
    now,
    cloud,
    openBrowser: environment.openBrowser,
    eraseTokenCache,
    connectInProgress: () => connector.inProgress(),
    intervalMs: () => settings.heartbeatIntervalMs(),
    grantTimeLimitMs: signInTimeLimitMs,
    notify: environment.notify,
    heartbeatGraphRetry: environment.heartbeatGraphRetry,
    heartbeatTimeLimitMs: environment.heartbeatTimeLimitMs
  })
  void tidiedUp.then(() => watch.start())

  // Read in the same turn as the value: state changes and their events also happen in one turn,
  // so the revision is exactly the last event this value already includes.
  const revised = <T>(value: T): Revised<T> => ({ revision: events.revision, value })
  const reads: SnapshotReads = {
    listCloudApplications: () => revised(cloudApplications.list()),
    listNotices: () => revised(notices.list()),
    getMicrosoft365ConnectFlow: () => revised(connector.flow()),
    getMicrosoft365Permissions: () => manifestView(),
    listActivity: () => revised(listActivity(repository.read())),
    getSettings: () => revised(settings.view()),
    getMicrosoft365Status: () => revised(watch.statusView())
  }
  const handlers: ConsoleHandlers = {
    ...reads,
    getConsoleSnapshot: () => readConsoleSnapshot(reads),
    dismissNotice: async (id) => {
      watch.noticeDismissed(id)
      await notices.dismiss(id)
      return revised(notices.list())
    },
    startMicrosoft365Connect: async () => revised(await connector.start()),
    cancelMicrosoft365Connect: () => revised(connector.cancel()),
    recheckMicrosoft365AuditLog: async () => revised(await connector.recheckAuditLog()),
    confirmMicrosoft365Connect: async () => revised(await connector.confirm()),
    disconnectMicrosoft365: (options) => disconnector.disconnect(options),
    cancelMicrosoft365SignIn: () => disconnector.cancelSignIn(),
    saveSettings: async (input) => revised(await settings.save(input)),
    setUpdateChecks: async (on) => revised(await settings.setUpdateChecks(on)),
    setHeartbeatInterval: async (seconds) => {
      const view = await settings.setHeartbeatInterval(seconds)
      watch.intervalChanged()
      return revised(view)
    },
    checkMicrosoft365Now: async () => {
      await watch.checkNow()
      return revised(watch.statusView())
    },
    grantMicrosoft365Permissions: () => {
      watch.grant()
      return revised(watch.statusView())
    },
    cancelMicrosoft365PermissionGrant: () => {
      watch.cancelGrant()
      return revised(watch.statusView())
    }
  }
  return {
    handlers,
    events,
    microsoftCloud,
    updateChecksWanted: () => settings.updateChecksWanted(),
    currentCloud: () => session.current().catch((): CurrentCloud => ({ kind: 'unconfigured' })),
    systemResumed: () => watch.systemResumed(),
    networkReturned: () => watch.networkReturned(),
    close: async () => {
      connector.cancel()
      await Promise.all([connector.settled(), watch.stop()])
      watch.close()
      await session.close()
    }
  }
}

/** Settings lock while a connection or a connect exists, so every such change may change what they show. */
function announceSettings(events: ConsoleEventHub, view: () => SettingsView): void {
  let last = JSON.stringify(view())
  events.subscribe((event) => {
    if (event !== 'cloudApplicationsChanged' && event !== 'microsoft365ConnectFlowChanged' && event !== 'settingsChanged') return
    const current = view()
    const json = JSON.stringify(current)
    if (json === last) return
    last = json
    if (event !== 'settingsChanged') events.emit('settingsChanged', current)
  })
}

async function logCloud(opening: Promise<CurrentCloud>, logger: Logger): Promise<CurrentCloud> {
  try {
    const cloud = await opening
    if (cloud.kind === 'builtInSandbox') logger.info('using the built-in sandbox tenant', { baseUrl: cloud.sandboxBaseUrl })
    if (cloud.kind === 'unconfigured') logger.info('no client ID is configured: sign-in waits for one in Settings')
    return cloud
  } catch (error) {
    logger.error('the Microsoft cloud could not be opened', { error })
    return { kind: 'unconfigured' }
  }
}
