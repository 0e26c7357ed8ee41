import type { Tenant } from '../../../shared/cloud-applications.ts'
import type { AuditLogState, ConnectFlow } from '../../../shared/microsoft-365.ts'
import { withActivity } from '../../activity/activity-history.ts'
import { ConsoleUserError } from '../../console-user-error.ts'
import type { Logger } from '../../logger.ts'
import type { StateRepository } from '../../state/state-repository.ts'
import { probeAuditLog } from '../audit-log/audit-log-probe.ts'
import { createMicrosoftGraphClient } from '../graph/microsoft-graph-client.ts'
import type { CurrentCloud, ReadyCloud } from '../microsoft-cloud-session.ts'
import { permissionManifest } from '../permission-manifest.ts'
import { checkPrerequisites } from '../prerequisites/check-prerequisites.ts'
import type { PrerequisiteReport } from '../prerequisites/prerequisite-report.ts'
import { readSignedInTenant } from '../prerequisites/signed-in-tenant.ts'
import type { BrowserSignIn, SignedIn } from '../sign-in/microsoft-sign-in.ts'
import type { ConnectFlowState } from './connect-flow-state.ts'
import { alreadyConnected, connectTarget, otherTenantFailure, sameTenant, type ConnectTarget } from './connect-target.ts'
import { manifestScopes } from './microsoft365-scopes.ts'
import { connectFailureForSignIn } from './sign-in-failure-messages.ts'

export interface Microsoft365ConnectorDeps {
  repository: StateRepository
  flow: ConnectFlowState
  cloud: () => Promise<CurrentCloud>
  /** True while Settings switch the cloud: a connect then would sign in to the one being replaced. */
  settingsSaving: () => boolean
  logger: Logger
  now: () => Date
  /** MSAL waits forever for the browser; the console does not (5 minutes unless a test says less). */
  signInTimeLimitMs: number
}

/** Everything Step 2 needs to finish, kept in memory only until CONFIRM or cancel. */
interface VerifiedSignIn {
  cloud: ReadyCloud
  signedIn: SignedIn
  report: Extract<PrerequisiteReport, { ok: true }>
}

/** One press of CONNECT, from the browser to Step 2. A cancel replaces it, and its late results are dropped. */
interface Attempt {
  cancelled: boolean
  browser: BrowserSignIn
  verified: VerifiedSignIn | undefined
  /** Set once CONFIRM has taken the attempt: a cancel from then on must not empty the cache under it. */
  confirming: boolean
  /** The stored connection's tenant when this is a reconnect: only that tenant may sign in. */
  reconnecting: Tenant | undefined
}

/**
 * Step 1 and Step 2 of "Connecting to Coro": sign in and accept, check the prerequisites, look at
 * the audit log, and store the connection on CONFIRM. Until CONFIRM nothing is stored: a failure,
 * a cancel or a closed dialog leaves the token cache empty and the saved state untouched.
 *
 * A connection whose heartbeat said Reconnect required goes through the same steps again, with the
 * same tenant only; CONFIRM then renews the record and keeps its history. A reconnect that does not
 * finish leaves the record as it was (its tokens may go, but they no longer worked anyway).
 */
export class Microsoft365Connector {
  readonly #deps: Microsoft365ConnectorDeps
  #attempt: Attempt | undefined
  /** True from the moment start() is called until its attempt exists, so two starts cannot both begin. */
  #starting = false
  #startCancelled = false
  /**
   * Attempts that were cancelled or failed but are still finishing (Graph may be honouring a
   * Retry-After): the token cache is shared, so the next attempt waits until they have emptied it.
   */
  readonly #settling = new Set<Promise<void>>()
  /**
   * After consent that covered only the admin, Entra would not show the permissions page again by
   * itself: the next attempt asks for it (`prompt=consent`), so the organisation checkbox can be ticked.
   */
  #askForConsentNext = false

  constructor(deps: Microsoft365ConnectorDeps) {
    this.#deps = deps
  }

  flow(): ConnectFlow {
    return this.#deps.flow.read()
  }

  /** True while a connect holds tokens or a browser, or is still tidying up: Settings must wait. */
  inProgress(): boolean {
    const { step } = this.#deps.flow.read()
    return this.#starting || this.#settling.size > 0 || step === 'waitingForBrowser' || step === 'checkingPrerequisites' || step === 'auditLog'
  }

  async start(): Promise<ConnectFlow> {
    connectTarget(this.#deps.repository)
    const { step } = this.#deps.flow.read()
    if (this.#starting || step === 'waitingForBrowser' || step === 'checkingPrerequisites') {
      throw new ConsoleUserError('connectInProgress', 'A connection to Microsoft 365 is already in progress. Finish it in your browser, or cancel it first.')
    }
    if (this.#deps.settingsSaving()) {
      throw new ConsoleUserError('settingsLocked', 'Settings are being saved. Wait a moment, then select CONNECT again.')
    }
    this.#starting = true
    this.#startCancelled = false
    try {
      if (step === 'auditLog') this.cancel()
      await Promise.all(this.#settling)
      const cloud = await this.#deps.cloud().catch((error: unknown) => {
        this.#deps.logger.error('the Microsoft cloud is not available for a connect', { error })
        throw new ConsoleUserError('failed', 'The console could not prepare the sign-in. Check Settings, or restart the console, and try again.')
      })
      if (this.#startCancelled) return this.#deps.flow.read()
      const target = connectTarget(this.#deps.repository)
      if (cloud.kind === 'unconfigured') {
        throw new ConsoleUserError(
          'notConfigured',
          'The console does not know which app registration to sign in with. Enter its Application (client) ID in Settings, then try again.'
        )
      }
      return this.#begin(cloud, target)
    } finally {
      this.#starting = false
    }
  }

  #begin(cloud: ReadyCloud, target: ConnectTarget): ConnectFlow {
    const { now, signInTimeLimitMs } = this.#deps
    const scopes = manifestScopes(cloud.endpoints)
    const prompt = this.#askForConsentNext ? 'consent' : 'select_account'
    const startedAt = now()
    const browser = cloud.signIn.start({ scopes: scopes.graph, extraScopesToConsent: scopes.management, prompt, timeLimitMs: signInTimeLimitMs })
    const attempt: Attempt = {
      cancelled: false,
      browser,
      verified: undefined,
      confirming: false,
      reconnecting: target.kind === 'reconnect' ? target.connection.tenant : undefined
    }
    this.#attempt = attempt
    const flow = this.#deps.flow.set({
      step: 'waitingForBrowser',
      startedAt: startedAt.toISOString(),
      deadline: new Date(startedAt.getTime() + signInTimeLimitMs).toISOString()
    })
    this.#track(
      this.#follow(attempt, cloud).catch((error: unknown) => this.#unexpected(attempt, cloud, error))
    )
    return flow
  }

  /** Cancel, Esc or a closed dialog, at any step: the browser's port is freed and nothing is kept. */
  cancel(): ConnectFlow {
    if (this.#starting) this.#startCancelled = true
    const attempt = this.#attempt
    if (attempt && !attempt.confirming) {
      this.#attempt = undefined
      attempt.cancelled = true
      attempt.browser.cancel()
      // Step 2 holds tokens and nothing is running any more: empty the cache here. Before Step 2,
      // the attempt's own follow-up does it once its sign-in or checks have stopped.
      if (attempt.verified) this.#track(this.#forget(attempt.verified.cloud))
    }
    return this.#deps.flow.set({ step: 'idle' })
  }

  async recheckAuditLog(): Promise<ConnectFlow> {
    const attempt = this.#attempt
    const flow = this.#deps.flow.read()
    if (!attempt?.verified || flow.step !== 'auditLog') return flow
    this.#deps.flow.set({ ...flow, checking: true })
    const auditLog = await this.#probeAuditLog(attempt, attempt.verified)
    if (this.#attempt !== attempt) return this.#deps.flow.read()
    return this.#deps.flow.set({ ...flow, auditLog, checking: false })
  }

  /** CONFIRM: the one moment a connection is stored. */
  async confirm(): Promise<ConnectFlow> {
    const attempt = this.#attempt
    const verified = attempt?.verified
    if (!attempt || !verified || attempt.confirming || this.#deps.flow.read().step !== 'auditLog') {
      throw new ConsoleUserError('notConnected', 'There is no sign-in to confirm. Select CONNECT in Step 1 first.')
    }
    // Taken before the save: a cancel that lands while it writes cannot empty the cache under it.
    attempt.confirming = true
    const { tenant, account, grantedPermissions } = verified.report
    const { reconnecting } = attempt
    const at = this.#deps.now().toISOString()
    let refused = false
    try {
      await this.#deps.repository.update((state) => {
        const existing = state.connections.microsoft365
        const stored = existing && existing.status !== 'notConnected' ? existing : undefined
        // A reconnect renews the stored connection of its own tenant, and a connect needs none stored.
        if (reconnecting ? !stored || !sameTenant(stored.tenant.id, reconnecting.id) : stored) {
          refused = true
          return state
        }
        const connected = {
          ...state,
          connections: {
            ...state.connections,
            microsoft365: {
              status: 'connected' as const,
              tenant,
              account,
              // A reconnect keeps the connection's age, as it keeps its heartbeats and activity.
              connectedAt: stored?.connectedAt ?? at,
              manifestVersion: permissionManifest.version,
              grantedPermissions,
              // The prerequisite checks just read the tenant: that is this connection's newest heartbeat.
              lastHeartbeatAt: at
            }
          },
          // A reconnect also drops the service principal the heartbeats had learnt: the admin may have
          // deleted the app's enterprise application, and the next heartbeat looks it up again.
          microsoft365SignIn: { homeAccountId: verified.signedIn.account.homeAccountId }
        }
        return withActivity(
          connected,
          reconnecting
            ? { at, kind: 'reconnected', tenant, account, summary: `Reconnected by ${account}` }
            : { at, kind: 'connected', tenant, account, summary: `Connected by ${account}` }
        )
      })
    } catch (error) {
      attempt.confirming = false
      throw error
    }
    if (refused) {
      attempt.confirming = false
      const existing = this.#deps.repository.read().connections.microsoft365
      if (!reconnecting && existing && existing.status !== 'notConnected') throw alreadyConnected(existing)
      // The connection being reconnected was disconnected meanwhile: the sign-in has nothing to renew.
      this.cancel()
      throw new ConsoleUserError('notConnected', 'Microsoft 365 was disconnected while you were reconnecting it. Select CONNECT to connect it again.')
    }
    if (this.#attempt === attempt) this.#attempt = undefined
    this.#askForConsentNext = false
    return this.#deps.flow.set({ step: 'idle' })
  }

  async #follow(attempt: Attempt, cloud: ReadyCloud): Promise<void> {
    const outcome = await attempt.browser.outcome
    if (attempt.cancelled) {
      // A sign-in that finished just as it was cancelled may have left tokens behind.
      if (outcome.ok) await this.#forget(cloud)
      return
    }
    if (!outcome.ok) {
      this.#attempt = undefined
      const failure = connectFailureForSignIn(outcome, Math.round(this.#deps.signInTimeLimitMs / 60_000))
      this.#deps.flow.set(failure ? { step: 'failed', failure } : { step: 'idle' })
      return
    }
    this.#deps.flow.set({ step: 'checkingPrerequisites' })
    const { signedIn } = outcome
    const graph = createMicrosoftGraphClient({
      graphEndpoint: cloud.endpoints.graphEndpoint,
      accessToken: () => this.#token(attempt, cloud, signedIn, manifestScopes(cloud.endpoints).graph)
    })
    const { reconnecting } = attempt
    // Another tenant is refused before its own prerequisites, which would only say something beside the point.
    if (reconnecting && !sameTenant(signedIn.tenantId, reconnecting.id)) {
      const other = await readSignedInTenant(graph).catch(() => null)
      if (attempt.cancelled) return this.#forget(cloud)
      return this.#refuseOtherTenant(attempt, cloud, reconnecting, { tenant: other?.tenant ?? null, tenantId: signedIn.tenantId, account: signedIn.username })
    }
    const report = await checkPrerequisites({ graph, clientId: cloud.clientId })
    if (attempt.cancelled) return this.#forget(cloud)
    if (report.ok && reconnecting && !sameTenant(report.tenant.id, reconnecting.id)) {
      return this.#refuseOtherTenant(attempt, cloud, reconnecting, { tenant: report.tenant, tenantId: report.tenant.id, account: report.account })
    }
    if (!report.ok) {
      this.#attempt = undefined
      await this.#forget(cloud)
      this.#askForConsentNext = asksForConsentAgain(report.failure.kind)
      this.#deps.flow.set({ step: 'failed', failure: report.failure })
      return
    }
    attempt.verified = { cloud, signedIn, report }
    const auditLog = await this.#probeAuditLog(attempt, attempt.verified)
    if (attempt.cancelled) return
    this.#deps.flow.set({ step: 'auditLog', tenant: report.tenant, account: report.account, auditLog, checking: false })
  }

  async #refuseOtherTenant(attempt: Attempt, cloud: ReadyCloud, connected: Tenant, signedIn: Parameters<typeof otherTenantFailure>[1]): Promise<void> {
    this.#attempt = undefined
    await this.#forget(cloud)
    this.#deps.flow.set({ step: 'failed', failure: otherTenantFailure(connected, signedIn) })
  }

  async #probeAuditLog(attempt: Attempt, { cloud, signedIn, report }: VerifiedSignIn): Promise<AuditLogState> {
    return probeAuditLog({
      managementEndpoint: cloud.endpoints.managementEndpoint,
      tenantId: report.tenant.id,
      accessToken: () => this.#token(attempt, cloud, signedIn, manifestScopes(cloud.endpoints).management)
    })
  }

  /** A token from the cache; a failure here is a Graph call that cannot be made, and the checks say so. */
  async #token(attempt: Attempt, cloud: ReadyCloud, signedIn: SignedIn, scopes: string[]): Promise<string> {
    // A cancelled attempt makes no more calls, so it stops as soon as the one in flight returns.
    if (attempt.cancelled) throw Object.assign(new Error('the connect was cancelled'), { code: 'cancelled' })
    const token = await cloud.signIn.acquireSilent(signedIn.account.homeAccountId, scopes)
    if (token.ok) return token.accessToken
    throw Object.assign(new Error(`no token for ${scopes.join(' ')}: ${token.reason}`), { code: token.details?.code ?? token.reason })
  }

  async #forget(cloud: ReadyCloud): Promise<void> {
    // Nothing else lives in the cache while no connection exists (a second connect is refused). A
    // reconnect's stored connection has tokens there too, but they are the ones that stopped working.
    await cloud.signIn.forgetEverything().catch((error: unknown) => this.#deps.logger.error('the token cache could not be emptied', { error }))
  }

  async #unexpected(attempt: Attempt, cloud: ReadyCloud, error: unknown): Promise<void> {
    this.#deps.logger.error('a connect to Microsoft 365 failed unexpectedly', { error })
    // Only this attempt's tokens can be in the cache: a newer one waits for this one to settle.
    if (!attempt.confirming) await this.#forget(cloud)
    if (attempt.cancelled || this.#attempt !== attempt) return
    this.#attempt = undefined
    this.#deps.flow.set({
      step: 'failed',
      failure: {
        kind: 'microsoft',
        title: 'The console could not finish connecting to Microsoft 365.',
        fix: 'Try again. If it keeps failing, restart the console.',
        details: null
      }
    })
  }

  /** Resolves once every cancelled or failed attempt has emptied the token cache (quit waits for it). */
  async settled(): Promise<void> {
    await Promise.all(this.#settling)
  }

  #track(work: Promise<void>): void {
    const settled = work.catch((error: unknown) => this.#deps.logger.error('a connect could not tidy up', { error }))
    this.#settling.add(settled)
    void settled.finally(() => this.#settling.delete(settled))
  }
}

/**
 * Consent that covered only the admin, or lacks a permission, is fixed on Microsoft's permissions
 * page, which Entra shows again only when asked to. A retry after a retry that asked already asks again.
 */
function asksForConsentAgain(kind: string): boolean {
  return kind === 'tenantWideConsent'
}
