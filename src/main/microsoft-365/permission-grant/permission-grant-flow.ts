import { randomBytes } from 'node:crypto'
import type { Tenant } from '../../../shared/cloud-applications.ts'
import type { PermissionGrant } from '../../../shared/heartbeat.ts'
import { ConsoleUserError } from '../../console-user-error.ts'
import type { Logger } from '../../logger.ts'
import type { StateRepository } from '../../state/state-repository.ts'
import type { CurrentCloud } from '../microsoft-cloud-session.ts'
import { missingFromGrant } from '../permission-manifest.ts'
import type { AdminConsentAnswer } from './admin-consent-answer.ts'
import { listenForAdminConsent, type AdminConsentListener } from './admin-consent-listener.ts'
import { adminConsentUrl } from './admin-consent-url.ts'
import {
  browserNotOpenedFailure,
  failureForAnswer,
  notListeningFailure,
  notPreparedFailure,
  timedOutFailure,
  type PermissionGrantFailure
} from './permission-grant-failures.ts'

export interface PermissionGrantFlowDeps {
  repository: StateRepository
  cloud: () => Promise<CurrentCloud>
  /** Opens a URL in the system browser. */
  openBrowser: (url: string) => Promise<void>
  logger: Logger
  now: () => Date
  timeLimitMs: number
  /** Called whenever `state()` changes. */
  onChange: () => void
}

/** One press of GRANT PERMISSIONS, until Microsoft answers, the time limit passes, or it is cancelled. */
interface Wait {
  tenant: Tenant
  permissions: string[]
  timer: NodeJS.Timeout | undefined
  listener: AdminConsentListener | undefined
  ended: boolean
}

/** Node fires a longer timer at once, which would end every wait before it began. */
const longestTimerMs = 2 ** 31 - 1

/**
 * GRANT PERMISSIONS: Microsoft's admin consent endpoint for the permissions the last heartbeat found
 * missing, answered on a loopback listener of the console's own (MSAL's cannot receive it). The
 * grant writes nothing to disk: the next heartbeat reads the tenant's grant, and that is what counts,
 * whatever the browser's answer said.
 */
export class PermissionGrantFlow {
  readonly #deps: PermissionGrantFlowDeps
  #state: PermissionGrant = { step: 'idle' }
  #wait: Wait | undefined
  /** Listeners still closing, so that quit waits until their ports are free. */
  readonly #closing = new Set<Promise<void>>()

  constructor(deps: PermissionGrantFlowDeps) {
    this.#deps = deps
  }

  state(): PermissionGrant {
    return structuredClone(this.#state)
  }

  /** Opens the browser and answers at once; the outcome arrives through `onChange`. */
  start(): PermissionGrant {
    if (this.#wait) return this.state()
    const connection = this.#deps.repository.read().connections.microsoft365
    if (!connection || connection.status === 'notConnected') {
      throw new ConsoleUserError('notConnected', 'Microsoft 365 is not connected, so there are no permissions to grant. Connect it first.')
    }
    const permissions = missingFromGrant(connection.grantedPermissions)
    if (permissions.length === 0) {
      throw new ConsoleUserError(
        'failed',
        `The console already has every permission it needs in ${connection.tenant.name}, so there is nothing to grant. The status shows the last heartbeat's findings.`
      )
    }
    const { now, timeLimitMs } = this.#deps
    const startedAt = now()
    const wait: Wait = { tenant: connection.tenant, permissions, timer: undefined, listener: undefined, ended: false }
    this.#wait = wait
    wait.timer = setTimeout(() => this.#finish(wait, timedOutFailure(timeLimitMs)), Math.min(timeLimitMs, longestTimerMs))
    this.#set({
      step: 'waitingForBrowser',
      startedAt: startedAt.toISOString(),
      deadline: new Date(startedAt.getTime() + timeLimitMs).toISOString(),
      permissions
    })
    this.#ask(wait).catch((error: unknown) => {
      this.#deps.logger.error('permission grant: the request could not be made', { error })
      this.#finish(wait, notPreparedFailure)
    })
    return this.state()
  }

  /** Cancel in the status dialog: back to idle, and the listener's port is closed at once. */
  cancel(): PermissionGrant {
    if (this.#wait) this.#finish(this.#wait, { step: 'idle' })
    else this.#set({ step: 'idle' })
    return this.state()
  }

  /**
   * A heartbeat that started at `at` has finished. A grant that it has seen goes back to idle: the
   * permission list now shows what the heartbeat read. A heartbeat starting in the same millisecond
   * as the answer counts, since Entra recorded the grant before it redirected the browser.
   */
  heartbeatFinished(at: Date): void {
    const state = this.#state
    if (state.step === 'granted' && at.getTime() >= Date.parse(state.at)) this.#set({ step: 'idle' })
  }

  /** Ends a wait for the browser and frees the port; for quit and disconnect. */
  async close(): Promise<void> {
    this.cancel()
    await Promise.all(this.#closing)
  }

  async #ask(wait: Wait): Promise<void> {
    const cloud = await this.#deps.cloud().catch((error: unknown) => {
      this.#deps.logger.error('permission grant: the Microsoft cloud is not available', { error })
      return { kind: 'unconfigured' } as const
    })
    if (wait.ended) return
    if (cloud.kind === 'unconfigured') {
      this.#finish(wait, notPreparedFailure)
      return
    }
    const state = randomBytes(32).toString('base64url')
    let listener: AdminConsentListener
    try {
      listener = await listenForAdminConsent({ state, logger: this.#deps.logger, onAnswer: (answer) => this.#answered(wait, answer) })
    } catch (error) {
      this.#deps.logger.error('permission grant: the loopback listener could not start', { error })
      this.#finish(wait, notListeningFailure)
      return
    }
    wait.listener = listener
    // Cancelled while the port was opening: close it now that it exists.
    if (wait.ended) {
      this.#closeListener(listener)
      return
    }
    const url = adminConsentUrl({
      endpoints: cloud.endpoints,
      tenantId: wait.tenant.id,
      clientId: cloud.clientId,
      permissions: wait.permissions,
      redirectUri: listener.redirectUri,
      state
    })
    this.#deps.logger.info('permission grant: asking Microsoft for admin consent', { permissions: wait.permissions })
    // An opener that never returns leaves the wait to the time limit and Cancel.
    this.#deps.openBrowser(url).catch((error: unknown) => {
      this.#deps.logger.error('permission grant: the system browser could not be opened', { error })
      this.#finish(wait, browserNotOpenedFailure)
    })
  }

  #answered(wait: Wait, answer: AdminConsentAnswer): void {
    if (answer.kind === 'refused') {
      this.#deps.logger.warn('permission grant: Microsoft did not grant the permissions', { error: answer.error, details: answer.details })
      this.#finish(wait, failureForAnswer(answer, wait.tenant.name))
      return
    }
    if (answer.tenant?.toLowerCase() !== wait.tenant.id.toLowerCase()) {
      // The next heartbeat reads the connected tenant's grant, so a grant elsewhere changes nothing here.
      this.#deps.logger.warn('permission grant: the browser named another tenant than the connected one', { named: answer.tenant })
    }
    this.#deps.logger.info('permission grant: Microsoft granted the permissions', { permissions: wait.permissions })
    this.#finish(wait, { step: 'granted', at: this.#deps.now().toISOString(), permissions: wait.permissions })
  }

  #finish(wait: Wait, next: { step: 'idle' } | Extract<PermissionGrant, { step: 'granted' }> | PermissionGrantFailure): void {
    if (wait.ended) return
    wait.ended = true
    clearTimeout(wait.timer)
    if (wait.listener) this.#closeListener(wait.listener)
    if (this.#wait === wait) this.#wait = undefined
    this.#set(next)
  }

  #closeListener(listener: AdminConsentListener): void {
    const closing = listener.close().catch((error: unknown) => this.#deps.logger.error('permission grant: the listener could not be closed', { error }))
    this.#closing.add(closing)
    void closing.finally(() => this.#closing.delete(closing))
  }

  #set(next: PermissionGrant): void {
    if (JSON.stringify(next) === JSON.stringify(this.#state)) return
    this.#state = next
    this.#deps.onChange()
  }
}
