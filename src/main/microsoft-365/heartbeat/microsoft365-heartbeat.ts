import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { HeartbeatRecord, HeartbeatTrigger } from '../../../shared/heartbeat.ts'
import type { AuditLogState } from '../../../shared/microsoft-365.ts'
import type { Logger } from '../../logger.ts'
import type { StateRepository } from '../../state/state-repository.ts'
import { probeAuditLog } from '../audit-log/audit-log-probe.ts'
import { createMicrosoftGraphClient } from '../graph/microsoft-graph-client.ts'
import { describeFetchFailure } from '../microsoft-details.ts'
import type { CurrentCloud, ReadyCloud } from '../microsoft-cloud-session.ts'
import { isNoAnswerCode } from '../no-answer-codes.ts'
import type { BatchRetry } from './graph-batch.ts'
import type { SilentTokenOutcome } from '../sign-in/microsoft-sign-in.ts'
import { classifyHeartbeat, isConsentRequired, type HeartbeatFinding, type HeartbeatObservation } from './heartbeat-classification.ts'
import { heartbeatScopes } from './heartbeat-scopes.ts'
import { connectionSeen, withHeartbeat, type ConnectionSeen, type StoredConnection } from './heartbeat-state-change.ts'
import { readTenantGrant, type TenantGrantReading } from './tenant-grant-reading.ts'

export interface Microsoft365HeartbeatDeps {
  repository: StateRepository
  cloud: () => Promise<CurrentCloud>
  logger: Logger
  now: () => Date
  /** The Graph client's retry settings; tests shorten them. */
  graphRetry?: { delaySeconds?: number; maxRetries?: number }
  /** How long one heartbeat may take in all; 2 minutes unless a test says less. */
  timeLimitMs?: number
  /**
   * A heartbeat that outlived its time limit goes on in the background (MSAL's refresh cannot be
   * aborted); this runs when it has finished, so whoever owns the token cache can tidy after it.
   */
  onAbandonedSettled?: () => void
}

/** Fewer retries than the library's 3: a heartbeat that cannot get through soon is retried by the scheduler. */
const defaultRetry = { delaySeconds: 3, maxRetries: 2 }
/** A heartbeat waits out a Retry-After up to this; a longer one counts as Unreachable, and the scheduler backs off. */
const longestWaitSeconds = 30
/**
 * However Microsoft answers (or does not), a heartbeat ends within this: Check now joins the one
 * under way, and quit and disconnect must not wait on a refresh that hangs.
 */
export const HEARTBEAT_TIME_LIMIT_MS = 2 * 60_000

/** The write lost to a disconnect or a reconnect; it never leaves `update`. */
class Superseded extends Error {
  override name = 'Superseded'
}

/**
 * One heartbeat: a silent token for named scopes, one Graph $batch (the tenant, and the tenant-wide
 * grant against the permission manifest), and the audit-log probe. The result is stored through the
 * repository's serialised update, never over a disconnect that happened meanwhile.
 */
export class Microsoft365Heartbeat {
  readonly #deps: Microsoft365HeartbeatDeps
  #closed = false

  constructor(deps: Microsoft365HeartbeatDeps) {
    this.#deps = deps
  }

  /** The console is quitting: a heartbeat still out asking Microsoft stores nothing when it comes back. */
  close(): void {
    this.#closed = true
  }

  /** The stored record, or null when nothing was connected or a disconnect won. Never rejects. */
  async beat(trigger: HeartbeatTrigger): Promise<HeartbeatRecord | null> {
    try {
      return await this.#beat(trigger)
    } catch (error) {
      this.#deps.logger.error('heartbeat: it failed unexpectedly, and nothing was stored', { trigger, error })
      return null
    }
  }

  async #beat(trigger: HeartbeatTrigger): Promise<HeartbeatRecord | null> {
    const at = this.#deps.now().toISOString()
    const started = performance.now()
    const state = this.#deps.repository.read()
    const found = connectionSeen(state)
    if (!found) return null
    const { connection, seen } = found
    const { observation, consoleServicePrincipalId } = await this.#withinTimeLimit(
      this.#observe(connection, seen, state.microsoft365SignIn?.consoleServicePrincipalId ?? null),
      trigger
    )
    const finding = classifyHeartbeat(observation, {
      tenantId: connection.tenant.id,
      status: connection.status,
      grantedPermissions: connection.grantedPermissions
    })
    const record = recordOf(finding, { id: randomUUID(), at, trigger, durationMs: Math.max(0, Math.round(performance.now() - started)) }, connection)
    const { outcome, cause, durationMs, details } = record
    if (this.#closed) {
      this.#deps.logger.info('heartbeat: the console closed while it ran, so its result was dropped', { trigger, outcome })
      return null
    }
    const stored = await this.#store(seen, record, finding, consoleServicePrincipalId)
    if (!stored) {
      this.#deps.logger.info('heartbeat: the connection changed while it ran, so its result was dropped', { trigger, outcome })
      return null
    }
    this.#deps.logger.info('heartbeat', { trigger, outcome, cause, durationMs, auditLog: record.auditLog, missing: record.missingPermissions, details })
    return record
  }

  /** The observation, or Unreachable once the time limit has passed; the late one is left to finish on its own. */
  async #withinTimeLimit(observing: Promise<Observed>, trigger: HeartbeatTrigger): Promise<Observed> {
    const timeLimitMs = this.#deps.timeLimitMs ?? HEARTBEAT_TIME_LIMIT_MS
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<Observed>((resolve) => {
      timer = setTimeout(() => resolve({ observation: { kind: 'timedOut', timeLimitMs }, consoleServicePrincipalId: null }), timeLimitMs)
    })
    try {
      const observed = await Promise.race([observing, timedOut])
      if (observed.observation.kind === 'timedOut') {
        this.#deps.logger.warn('heartbeat: Microsoft did not finish answering within its time limit', { trigger, timeLimitMs })
        void observing
          .catch((error: unknown) => this.#deps.logger.warn('heartbeat: the one past its time limit failed', { error }))
          .finally(() => this.#deps.onAbandonedSettled?.())
      }
      return observed
    } finally {
      clearTimeout(timer)
    }
  }

  async #observe(connection: StoredConnection, seen: ConnectionSeen, knownConsoleId: string | null): Promise<Observed> {
    const none = (observation: HeartbeatObservation) => ({ observation, consoleServicePrincipalId: null })
    if (seen.homeAccountId === null) return none({ kind: 'silentTokenFailed', failure: { ok: false, reason: 'noAccount', details: null } })
    let cloud: CurrentCloud
    try {
      cloud = await this.#deps.cloud()
    } catch (error) {
      // A sign-in that could not be set up: for the sandbox on loopback, its discovery document went unanswered.
      this.#deps.logger.warn('heartbeat: the Microsoft cloud could not be opened', { error })
      const failure = describeFetchFailure(error)
      const { code } = failure.details
      const noAnswer = isNoAnswerCode(code) || code === 'TimeoutError' || code === 'AbortError'
      return none({ kind: 'cloudUnavailable', failure: noAnswer ? failure : { ...failure, kind: 'unavailable' } })
    }
    if (cloud.kind === 'unconfigured') return none({ kind: 'unconfigured' })
    return this.#observeCloud(cloud, connection, seen.homeAccountId, knownConsoleId)
  }

  async #observeCloud(cloud: ReadyCloud, connection: StoredConnection, homeAccountId: string, knownConsoleId: string | null): Promise<Observed> {
    const scopes = heartbeatScopes(cloud.endpoints, connection.grantedPermissions)
    const first = await cloud.signIn.acquireSilent(homeAccountId, scopes.graph)
    if (!first.ok) {
      return { observation: await this.#graphTokenRefused(cloud, connection, homeAccountId, scopes, first), consoleServicePrincipalId: null }
    }
    let accessToken = first.accessToken
    const graph = createMicrosoftGraphClient({
      graphEndpoint: cloud.endpoints.graphEndpoint,
      accessToken: () => accessToken,
      retry: { ...this.#clientRetry(), longestWaitSeconds }
    })
    const query = { clientId: cloud.clientId, consoleServicePrincipalId: knownConsoleId, retry: this.#batchRetry() }

    const auditLog = this.#probeAuditLog(cloud, connection.tenant.id, homeAccountId, scopes.management)
    let reading: TenantGrantReading = await readTenantGrant(graph, query)
    // Graph may refuse a token MSAL still counts as fresh (a clock apart, sessions revoked): one refresh, then one more try.
    if (reading.kind === 'refused' && reading.status === 401) {
      const refreshed = await cloud.signIn.acquireSilent(homeAccountId, scopes.graph, { forceRefresh: true })
      if (!refreshed.ok) {
        await auditLog
        return { observation: await this.#graphTokenRefused(cloud, connection, homeAccountId, scopes, refreshed), consoleServicePrincipalId: null }
      }
      accessToken = refreshed.accessToken
      reading = await readTenantGrant(graph, query)
    }
    return {
      observation: { kind: 'graph', reading, auditLog: await auditLog },
      consoleServicePrincipalId: reading.kind === 'read' ? reading.consoleServicePrincipalId : null
    }
  }

  /**
   * Entra refuses a token for Graph permissions that the stored grant no longer holds (an admin
   * removed them) with consent_required, just as it does when the whole consent was removed. A fresh
   * token for the grant's other permissions tells the two apart: the grant is still there when
   * Microsoft issues one.
   */
  async #graphTokenRefused(
    cloud: ReadyCloud,
    connection: StoredConnection,
    homeAccountId: string,
    scopes: { graph: string[]; management: string[] },
    failure: SilentFailure
  ): Promise<HeartbeatObservation> {
    const asked = permissionNamesOf(scopes.graph)
    const held = new Set(connection.grantedPermissions.map((name) => name.toLowerCase()))
    const lacking = asked.filter((name) => !held.has(name.toLowerCase()))
    if (!isConsentRequired(failure) || lacking.length === 0) return { kind: 'silentTokenFailed', failure }
    if (scopes.management.length === 0) return { kind: 'graphPermissionsRefused', failure, lacking, auditLog: null }
    const other = await cloud.signIn.acquireSilent(homeAccountId, scopes.management, { forceRefresh: true })
    if (!other.ok && other.reason === 'interactionRequired') return { kind: 'silentTokenFailed', failure: other }
    const auditLog = other.ok ? await this.#probeAuditLog(cloud, connection.tenant.id, homeAccountId, scopes.management) : null
    return { kind: 'graphPermissionsRefused', failure, lacking, auditLog }
  }

  /** On its own resource, with its own token; skipped when the grant holds none of the Management APIs' permissions. */
  async #probeAuditLog(cloud: ReadyCloud, tenantId: string, homeAccountId: string, scopes: string[]): Promise<AuditLogState | null> {
    if (scopes.length === 0) return null
    return probeAuditLog({
      managementEndpoint: cloud.endpoints.managementEndpoint,
      tenantId,
      accessToken: async () => {
        const token = await cloud.signIn.acquireSilent(homeAccountId, scopes)
        if (token.ok) return token.accessToken
        throw Object.assign(new Error(`no token for the Management APIs: ${token.reason}`), { code: token.details?.code ?? token.reason })
      }
    })
  }

  async #store(seen: ConnectionSeen, record: HeartbeatRecord, finding: HeartbeatFinding, consoleServicePrincipalId: string | null): Promise<boolean> {
    try {
      await this.#deps.repository.update((state) => {
        const next = withHeartbeat(state, seen, record, finding, consoleServicePrincipalId)
        if (!next) throw new Superseded()
        return next
      })
      return true
    } catch (error) {
      if (error instanceof Superseded) return false
      // Nothing stored is lost: the update left the state as it was.
      this.#deps.logger.error('heartbeat: its result could not be saved', { error })
      return false
    }
  }

  #clientRetry(): { delaySeconds: number; maxRetries: number } {
    return { ...defaultRetry, ...this.#deps.graphRetry }
  }

  #batchRetry(): BatchRetry {
    const { delaySeconds, maxRetries } = this.#clientRetry()
    return { delaySeconds, maxRetries, maxDelaySeconds: longestWaitSeconds }
  }
}

type Observed = { observation: HeartbeatObservation; consoleServicePrincipalId: string | null }
type SilentFailure = Extract<SilentTokenOutcome, { ok: false }>

/** `https://graph.microsoft.com/Directory.Read.All` → `Directory.Read.All`, as the grant spells it. */
function permissionNamesOf(scopes: readonly string[]): string[] {
  return scopes.map((scope) => scope.slice(scope.lastIndexOf('/') + 1))
}

function recordOf(
  finding: HeartbeatFinding,
  run: Pick<HeartbeatRecord, 'id' | 'at' | 'trigger' | 'durationMs'>,
  connection: StoredConnection
): HeartbeatRecord {
  return {
    ...run,
    outcome: finding.outcome,
    grantedPermissions: finding.grantedPermissions ?? connection.grantedPermissions,
    missingPermissions: finding.missingPermissions,
    auditLog: finding.auditLog,
    cause: finding.outcome === 'unreachable' ? finding.cause : null,
    reason: finding.reason,
    details: finding.details
  }
}
