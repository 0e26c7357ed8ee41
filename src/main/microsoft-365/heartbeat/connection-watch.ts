import type { ConnectionState } from '../../../shared/cloud-applications.ts'
import type { HeartbeatRecord, HeartbeatTrigger, Microsoft365Status } from '../../../shared/heartbeat.ts'
import type { ConsoleEventHub } from '../../console-events.ts'
import { ConsoleUserError } from '../../console-user-error.ts'
import type { Logger } from '../../logger.ts'
import type { NoticeService } from '../../notices/notice-service.ts'
import type { StateRepository } from '../../state/state-repository.ts'
import type { CurrentCloud } from '../microsoft-cloud-session.ts'
import { PermissionGrantFlow } from '../permission-grant/permission-grant-flow.ts'
import { HeartbeatScheduler, type HeartbeatRunResult } from './heartbeat-scheduler.ts'
import { Microsoft365Heartbeat } from './microsoft365-heartbeat.ts'
import { microsoft365StatusView } from './microsoft365-status-view.ts'
import { worsened, worsenedNotification, type DesktopNotification } from './worsened-notification.ts'

export interface Microsoft365ConnectionWatchDeps {
  repository: StateRepository
  events: ConsoleEventHub
  notices: NoticeService
  logger: Logger
  now: () => Date
  /** The Microsoft cloud, once the left-over tokens are tidied. */
  cloud: () => Promise<CurrentCloud>
  openBrowser: (url: string) => Promise<void>
  eraseTokenCache: () => Promise<void>
  /** A connect under way owns the tokens in the cache, even with no connection stored yet. */
  connectInProgress: () => boolean
  /** The heartbeat interval chosen in Settings. */
  intervalMs: () => number
  /** How long GRANT PERMISSIONS waits for the admin in the browser. */
  grantTimeLimitMs: number
  /** Shows an OS notification; hosts without notifications leave it out. */
  notify?: ((notification: DesktopNotification, onClick: () => void) => void) | undefined
  /** The Graph client's retry settings for heartbeats; tests shorten them. */
  heartbeatGraphRetry?: { delaySeconds?: number; maxRetries?: number } | undefined
  /** How long one heartbeat may take in all; the heartbeat's own limit unless a test says less. */
  heartbeatTimeLimitMs?: number | undefined
}

/**
 * Quit waits this long for a heartbeat under way, then goes: the heartbeat stores nothing after
 * that, and the next launch runs one anyway.
 */
export const QUIT_WAITS_FOR_HEARTBEAT_MS = 3_000

const offlineNoticeId = 'offline'

/**
 * Watches the stored Microsoft 365 connection with heartbeats: it schedules them, runs GRANT
 * PERMISSIONS, announces the status dialog's view, keeps the offline notice and brings the OS
 * notification when a heartbeat finds the connection worse.
 */
export class Microsoft365ConnectionWatch {
  readonly #deps: Microsoft365ConnectionWatchDeps
  readonly #heartbeat: Microsoft365Heartbeat
  readonly #grantFlow: PermissionGrantFlow
  readonly #scheduler: HeartbeatScheduler
  #lastStatus = ''
  // The offline notice's spell: from the first heartbeat that found no network to the next one that
  // reached Microsoft. An admin who dismissed it is not told again within the same spell.
  #offlineSpell: { since: string; dismissed: boolean } | null = null
  #watching = false
  #watched: { connection: string; newestHeartbeat: string | undefined } | null = null

  constructor(deps: Microsoft365ConnectionWatchDeps) {
    this.#deps = deps
    const { repository, cloud, logger, now } = deps
    this.#heartbeat = new Microsoft365Heartbeat({
      repository,
      cloud,
      logger,
      now,
      onAbandonedSettled: () => void this.#tidyAfterDisconnect(),
      ...(deps.heartbeatGraphRetry ? { graphRetry: deps.heartbeatGraphRetry } : {}),
      ...(deps.heartbeatTimeLimitMs === undefined ? {} : { timeLimitMs: deps.heartbeatTimeLimitMs })
    })
    this.#grantFlow = new PermissionGrantFlow({
      repository,
      cloud,
      openBrowser: deps.openBrowser,
      logger,
      now,
      timeLimitMs: deps.grantTimeLimitMs,
      onChange: () => this.#announceStatus()
    })
    this.#scheduler = new HeartbeatScheduler({
      intervalMs: deps.intervalMs,
      now,
      onChange: () => this.#announceStatus(),
      onError: (error) => logger.error('a heartbeat run failed unexpectedly', { error }),
      run: (trigger) => this.#run(trigger)
    })
  }

  /** Begins following the stored connection; the console calls it once left-over tokens are tidied. */
  start(): void {
    this.#follow('launch')
    this.#deps.repository.onChange(() => this.#follow('connect'))
  }

  statusView(): Microsoft365Status {
    return microsoft365StatusView(this.#deps.repository.read(), {
      nextAt: this.#scheduler.nextAt(),
      checking: this.#scheduler.running(),
      grant: this.#grantFlow.state()
    })
  }

  async checkNow(): Promise<void> {
    if (!this.#watching) throw new ConsoleUserError('notConnected', 'Microsoft 365 is not connected, so there is nothing to check.')
    await this.#scheduler.trigger('checkNow')
    // The heartbeat joined may have started before a grant it could not see: the admin asked for one that does.
    if (this.#grantFlow.state().step === 'granted') await this.#scheduler.trigger('checkNow')
  }

  grant(): void {
    this.#grantFlow.start()
  }

  cancelGrant(): void {
    this.#grantFlow.cancel()
  }

  intervalChanged(): void {
    this.#scheduler.intervalChanged()
  }

  /** Called before the notice service dismisses it, so a notice still on its way stays away too. */
  noticeDismissed(id: string): void {
    if (id === offlineNoticeId && this.#offlineSpell) this.#offlineSpell.dismissed = true
  }

  systemResumed(): void {
    if (this.#watching) void this.#scheduler.trigger('resume')
  }

  networkReturned(): void {
    if (this.#watching) void this.#scheduler.trigger('online')
  }

  /** Quit, first step: no more heartbeats or grant, waiting a little for a heartbeat under way. */
  async stop(): Promise<void> {
    await Promise.all([atMost(this.#scheduler.stop(), QUIT_WAITS_FOR_HEARTBEAT_MS), this.#grantFlow.close()])
  }

  /** Quit, last step: a heartbeat still out asking Microsoft may come back after this, and stores nothing then. */
  close(): void {
    this.#heartbeat.close()
  }

  async #run(trigger: HeartbeatTrigger): Promise<HeartbeatRunResult> {
    const before = this.#deps.repository.read().connections.microsoft365
    const record = await this.#heartbeat.beat(trigger)
    if (!record) {
      await this.#tidyAfterDisconnect()
      return 'reached'
    }
    this.#afterHeartbeat(record, before)
    return record.outcome === 'unreachable' ? 'failed' : 'reached'
  }

  // A heartbeat that refreshed a token while a disconnect erased the cache may have written it back:
  // with no connection stored and no connect under way, nothing may stay in the cache.
  async #tidyAfterDisconnect(): Promise<void> {
    const connection = this.#deps.repository.read().connections.microsoft365
    if ((connection && connection.status !== 'notConnected') || this.#deps.connectInProgress()) return
    await this.#deps.eraseTokenCache().catch((error: unknown) => this.#deps.logger.error('tokens left by a heartbeat could not be removed', { error }))
  }

  #announceStatus(): void {
    const view = this.statusView()
    const json = JSON.stringify(view)
    if (json === this.#lastStatus) return
    this.#lastStatus = json
    this.#deps.events.emit('microsoft365StatusChanged', view)
  }

  #endOfflineSpell(): void {
    // A spell's notice may still be on its way to the list: the dismissal queues behind it.
    const raised =
      (this.#offlineSpell !== null && !this.#offlineSpell.dismissed) || this.#deps.notices.list().some((notice) => notice.kind === 'offline')
    this.#offlineSpell = null
    if (raised) void this.#deps.notices.dismiss(offlineNoticeId)
  }

  #afterHeartbeat(record: HeartbeatRecord, before: ConnectionState | undefined): void {
    const { repository, notices, events, now } = this.#deps
    this.#grantFlow.heartbeatFinished(new Date(record.at))
    if (record.outcome === 'unreachable' && record.cause === 'network') {
      this.#offlineSpell ??= { since: record.at, dismissed: false }
      if (!this.#offlineSpell.dismissed) {
        const connection = repository.read().connections.microsoft365
        void notices.raise({
          kind: 'offline',
          id: offlineNoticeId,
          since: this.#offlineSpell.since,
          lastHeartbeatAt: connection && connection.status !== 'notConnected' ? connection.lastHeartbeatAt : null
        })
      }
    } else if (record.outcome !== 'unreachable' || record.cause === 'microsoft') {
      // Any answer from Microsoft, even a 5xx, means this computer is online again.
      this.#endOfflineSpell()
    }
    if (worsened(before, record)) {
      this.#deps.notify?.(worsenedNotification(record), () => events.emit('microsoft365StatusRequested', { at: now().toISOString() }))
    }
  }

  // The heartbeat follows the stored connection: it starts at launch and after a connect, and stops
  // at disconnect. A reconnect renews the connection and its sign-in while it is watched: that is a
  // connect too. Heartbeats write the connection as well, but each adds its record to the history.
  #follow(trigger: 'launch' | 'connect'): void {
    const state = this.#deps.repository.read()
    const connection = state.connections.microsoft365
    const connected = connection !== undefined && connection.status !== 'notConnected'
    const seen = connected
      ? { connection: JSON.stringify([connection, state.microsoft365SignIn?.homeAccountId ?? null]), newestHeartbeat: state.microsoft365Heartbeats[0]?.id }
      : null
    const previous = this.#watched
    this.#watched = seen
    if (connected && !this.#watching) {
      this.#watching = true
      this.#scheduler.start(trigger)
    } else if (!connected && this.#watching) {
      this.#watching = false
      void this.#scheduler.stop()
      void this.#grantFlow.close()
      this.#endOfflineSpell()
    } else if (seen && previous && seen.connection !== previous.connection && seen.newestHeartbeat === previous.newestHeartbeat) {
      this.#scheduler.restart('connect')
    }
    this.#announceStatus()
  }
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
