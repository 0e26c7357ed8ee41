import type { ConnectionState } from '../shared/cloud-applications.ts'
import type { Revised } from '../shared/contract-names.ts'
import type { HeartbeatRecord } from '../shared/heartbeat.ts'
import type { SettingsView } from '../shared/settings.ts'
import { announceActivity, listActivity } from './activity/activity-history.ts'
import { CloudApplicationService } from './cloud-applications/cloud-application-service.ts'
import { ConsoleEventHub } from './console-events.ts'
import type { ConsoleHandlers } from './ipc/console-handlers.ts'
import type { Logger } from './logger.ts'
import { HeartbeatScheduler } from './microsoft-365/heartbeat/heartbeat-scheduler.ts'
import { Microsoft365Heartbeat } from './microsoft-365/heartbeat/microsoft365-heartbeat.ts'
import { microsoft365StatusView } from './microsoft-365/heartbeat/microsoft365-status-view.ts'
import { PermissionGrantFlow } from './microsoft-365/permission-grant/permission-grant-flow.ts'
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

export interface DesktopNotification {
  title: string
  body: string
}

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
 * Quit waits this long for a heartbeat under way, then goes: the heartbeat stores nothing after
 * that, and the next launch runs one anyway.
 */
export const QUIT_WAITS_FOR_HEARTBEAT_MS = 3_000

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

  const heartbeat = new Microsoft365Heartbeat({
    repository,
    cloud,
    logger,
    now,
    onAbandonedSettled: () => void tidyAfterDisconnect(),
    ...(environment.heartbeatGraphRetry ? { graphRetry: environment.heartbeatGraphRetry } : {}),
    ...(environment.heartbeatTimeLimitMs === undefined ? {} : { timeLimitMs: environment.heartbeatTimeLimitMs })
  })
  const grantFlow = new PermissionGrantFlow({
    repository,
    cloud,
    openBrowser: environment.openBrowser,
    logger,
    now,
    timeLimitMs: signInTimeLimitMs,
    onChange: () => announceStatus()
  })
  const scheduler = new HeartbeatScheduler({
    intervalMs: () => settings.heartbeatIntervalMs(),
    now,
    onChange: () => announceStatus(),
    onError: (error) => logger.error('a heartbeat run failed unexpectedly', { error }),
    run: async (trigger) => {
      const before = repository.read().connections.microsoft365
      const record = await heartbeat.beat(trigger)
      if (!record) {
        await tidyAfterDisconnect()
        return 'reached'
      }
      afterHeartbeat(record, before)
      return record.outcome === 'unreachable' ? 'failed' : 'reached'
    }
  })
  // A heartbeat that refreshed a token while a disconnect erased the cache may have written it back:
  // with no connection stored and no connect under way, nothing may stay in the cache.
  const tidyAfterDisconnect = async () => {
    const connection = repository.read().connections.microsoft365
    if ((connection && connection.status !== 'notConnected') || connector.inProgress()) return
    await eraseTokenCache().catch((error: unknown) => logger.error('tokens left by a heartbeat could not be removed', { error }))
  }
  const statusView = () =>
    microsoft365StatusView(repository.read(), { nextAt: scheduler.nextAt(), checking: scheduler.running(), grant: grantFlow.state() })
  let lastStatus = ''
  const announceStatus = () => {
    const view = statusView()
    const json = JSON.stringify(view)
    if (json === lastStatus) return
    lastStatus = json
    events.emit('microsoft365StatusChanged', view)
  }
  // The offline notice's spell: from the first heartbeat that found no network to the next one that
  // reached Microsoft. An admin who dismissed it is not told again within the same spell.
  let offlineSpell: { since: string; dismissed: boolean } | null = null
  const endOfflineSpell = () => {
    // A spell's notice may still be on its way to the list: the dismissal queues behind it.
    const raised = (offlineSpell !== null && !offlineSpell.dismissed) || notices.list().some((notice) => notice.kind === 'offline')
    offlineSpell = null
    if (raised) void notices.dismiss(offlineNoticeId)
  }
  const afterHeartbeat = (record: HeartbeatRecord, before: ConnectionState | undefined) => {
    grantFlow.heartbeatFinished(new Date(record.at))
    if (record.outcome === 'unreachable' && record.cause === 'network') {
      offlineSpell ??= { since: record.at, dismissed: false }
      if (!offlineSpell.dismissed) {
        const connection = repository.read().connections.microsoft365
        void notices.raise({
          kind: 'offline',
          id: offlineNoticeId,
          since: offlineSpell.since,
          lastHeartbeatAt: connection && connection.status !== 'notConnected' ? connection.lastHeartbeatAt : null
        })
      }
    } else if (record.outcome !== 'unreachable' || record.cause === 'microsoft') {
      // Any answer from Microsoft, even a 5xx, means this computer is online again.
      endOfflineSpell()
    }
    if (worsened(before, record)) {
      environment.notify?.(worsenedNotification(record), () => events.emit('microsoft365StatusRequested', { at: now().toISOString() }))
    }
  }
  // The heartbeat follows the stored connection: it starts at launch and after a connect, and stops
  // at disconnect. A reconnect renews the connection and its sign-in while it is watched: that is a
  // connect too. Heartbeats write the connection as well, but each adds its record to the history.
  let watching = false
  let watched: { connection: string; newestHeartbeat: string | undefined } | null = null
  const follow = (trigger: 'launch' | 'connect') => {
    const state = repository.read()
    const connection = state.connections.microsoft365
    const connected = connection !== undefined && connection.status !== 'notConnected'
    const seen = connected
      ? { connection: JSON.stringify([connection, state.microsoft365SignIn?.homeAccountId ?? null]), newestHeartbeat: state.microsoft365Heartbeats[0]?.id }
      : null
    const previous = watched
    watched = seen
    if (connected && !watching) {
      watching = true
      scheduler.start(trigger)
    } else if (!connected && watching) {
      watching = false
      void scheduler.stop()
      void grantFlow.close()
      endOfflineSpell()
    } else if (seen && previous && seen.connection !== previous.connection && seen.newestHeartbeat === previous.newestHeartbeat) {
      scheduler.restart('connect')
    }
    announceStatus()
  }
  void tidiedUp.then(() => {
    follow('launch')
    repository.onChange(() => follow('connect'))
  })

  // Read in the same turn as the value: state changes and their events also happen in one turn,
  // so the revision is exactly the last event this value already includes.
  const revised = <T>(value: T): Revised<T> => ({ revision: events.revision, value })
  const handlers: ConsoleHandlers = {
    listCloudApplications: () => revised(cloudApplications.list()),
    listNotices: () => revised(notices.list()),
    dismissNotice: async (id) => {
      if (id === offlineNoticeId && offlineSpell) offlineSpell.dismissed = true
      await notices.dismiss(id)
      return revised(notices.list())
    },
    getMicrosoft365ConnectFlow: () => revised(connector.flow()),
    startMicrosoft365Connect: async () => revised(await connector.start()),
    cancelMicrosoft365Connect: () => revised(connector.cancel()),
    recheckMicrosoft365AuditLog: async () => revised(await connector.recheckAuditLog()),
    confirmMicrosoft365Connect: async () => revised(await connector.confirm()),
    disconnectMicrosoft365: (options) => disconnector.disconnect(options),
    cancelMicrosoft365SignIn: () => disconnector.cancelSignIn(),
    getMicrosoft365Permissions: () => manifestView(),
    listActivity: () => revised(listActivity(repository.read())),
    getSettings: () => revised(settings.view()),
    saveSettings: async (input) => revised(await settings.save(input)),
    setUpdateChecks: async (on) => revised(await settings.setUpdateChecks(on)),
    setHeartbeatInterval: async (seconds) => {
      const view = await settings.setHeartbeatInterval(seconds)
      scheduler.intervalChanged()
      return revised(view)
    },
    getMicrosoft365Status: () => revised(statusView()),
    checkMicrosoft365Now: async () => {
      if (!watching) throw new ConsoleUserError('notConnected', 'Microsoft 365 is not connected, so there is nothing to check.')
      await scheduler.trigger('checkNow')
      // The heartbeat joined may have started before a grant it could not see: the admin asked for one that does.
      if (grantFlow.state().step === 'granted') await scheduler.trigger('checkNow')
      return revised(statusView())
    },
    grantMicrosoft365Permissions: () => {
      grantFlow.start()
      return revised(statusView())
    },
    cancelMicrosoft365PermissionGrant: () => {
      grantFlow.cancel()
      return revised(statusView())
    }
  }
  return {
    handlers,
    events,
    microsoftCloud,
    updateChecksWanted: () => settings.updateChecksWanted(),
    currentCloud: () => session.current().catch((): CurrentCloud => ({ kind: 'unconfigured' })),
    systemResumed: () => {
      if (watching) void scheduler.trigger('resume')
    },
    networkReturned: () => {
      if (watching) void scheduler.trigger('online')
    },
    close: async () => {
      connector.cancel()
      await Promise.all([connector.settled(), atMost(scheduler.stop(), QUIT_WAITS_FOR_HEARTBEAT_MS), grantFlow.close()])
      // One still out asking Microsoft may come back after this: it stores nothing then.
      heartbeat.close()
      await session.close()
    }
  }
}

const offlineNoticeId = 'offline'

/**
 * Whether a heartbeat took the connection from Connected to something worse, counting the status an
 * Unreachable connection last knew. Losing the network is not news the OS must bring (the offline
 * notice says it, and every wake from sleep would otherwise), and neither is a spell of
 * Unreachable that already began.
 */
function worsened(before: ConnectionState | undefined, record: HeartbeatRecord): boolean {
  if (!before || before.status === 'notConnected') return false
  const wasConnected = before.status === 'connected' || (before.status === 'unreachable' && before.lastKnownStatus === 'connected')
  if (!wasConnected || record.outcome === 'connected') return false
  if (record.outcome === 'unreachable') return record.cause !== 'network' && before.status !== 'unreachable'
  return true
}

/** Resolves when `work` does, or after `milliseconds`, whichever comes first. */
async function atMost(work: Promise<void>, milliseconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, milliseconds)))])
  } finally {
    clearTimeout(timer)
  }
}

function worsenedNotification(record: HeartbeatRecord): DesktopNotification {
  switch (record.outcome) {
    case 'additionalSetupRequired':
      return { title: 'Microsoft 365: additional setup required', body: 'The console is missing permissions in your tenant. Open the connection status to grant them.' }
    case 'reconnectRequired':
      return { title: 'Microsoft 365: reconnect required', body: 'The console can no longer sign in to your tenant. Open the connection status to reconnect.' }
    default:
      return { title: 'Microsoft 365 is unreachable', body: 'The console could not reach Microsoft 365. It keeps showing the last heartbeat and tries again.' }
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
