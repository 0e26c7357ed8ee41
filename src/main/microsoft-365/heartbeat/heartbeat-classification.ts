import type { Tenant } from '../../../shared/cloud-applications.ts'
import type { HeartbeatOutcome, HeartbeatRecord } from '../../../shared/heartbeat.ts'
import type { AuditLogState, MicrosoftDetails } from '../../../shared/microsoft-365.ts'
import type { MicrosoftFailure } from '../microsoft-details.ts'
import { missingFromGrant } from '../permission-manifest.ts'
import { listed, uniquePermissions } from '../permission-names.ts'
import { missingTenantWidePermissions } from '../prerequisites/tenant-wide-consent-check.ts'
import type { SilentTokenOutcome } from '../sign-in/microsoft-sign-in.ts'
import type { TenantGrantReading } from './tenant-grant-reading.ts'

type SilentFailure = Extract<SilentTokenOutcome, { ok: false }>

/** What one heartbeat ran into, before anything is concluded from it. */
export type HeartbeatObservation =
  /** No app registration is configured any more (the environment changed since the connect). */
  | { kind: 'unconfigured' }
  /** The cloud's sign-in could not be set up, such as a discovery document that could not be read. */
  | { kind: 'cloudUnavailable'; failure: MicrosoftFailure }
  | { kind: 'silentTokenFailed'; failure: SilentFailure }
  /**
   * Entra wants consent for Graph permissions (`lacking`) that the stored grant no longer holds,
   * while the grant itself is still there: Microsoft issued a token for its other permissions, or
   * the heartbeat had none of those to ask for. The audit-log probe's answer, when it could run.
   */
  | { kind: 'graphPermissionsRefused'; failure: SilentFailure; lacking: string[]; auditLog: AuditLogState | null }
  /** Microsoft did not finish answering within the heartbeat's own time limit. */
  | { kind: 'timedOut'; timeLimitMs: number }
  /** Graph's answer, and the audit-log probe's when it ran. */
  | { kind: 'graph'; reading: TenantGrantReading; auditLog: AuditLogState | null }

/** What the stored connection knew before this heartbeat. */
export interface KnownConnection {
  tenantId: string
  status: 'connected' | 'additionalSetupRequired' | 'reconnectRequired' | 'unreachable'
  grantedPermissions: readonly string[]
}

/** What a heartbeat concludes: the record's fields, and what the stored connection takes from it. */
export interface HeartbeatFinding {
  outcome: HeartbeatOutcome
  cause: HeartbeatRecord['cause']
  reason: string | null
  details: MicrosoftDetails | null
  /** The tenant-wide grant's permissions as read now, or null when this heartbeat could not read them. */
  grantedPermissions: string[] | null
  missingPermissions: string[]
  /** The tenant's name and domain as read now, or null. */
  tenant: Tenant | null
  /** Whether Microsoft answered: only then does Last heartbeat move. */
  reachedMicrosoft: boolean
  auditLog: HeartbeatRecord['auditLog']
}

/**
 * Plain `invalid_grant` answers (no suberror, so MSAL raises no InteractionRequiredAuthError) whose
 * AADSTS code still means the sign-in is over: an invalid, expired or revoked refresh token.
 */
const signInOverCodes = new Set(['invalid_grant', 'AADSTS9002313', 'AADSTS70000', 'AADSTS70008', 'AADSTS50173', 'AADSTS700082', 'AADSTS50132', 'AADSTS700084'])

/** Entra's "the user or administrator has not consented" (suberror consent_required), by its AADSTS code or MSAL's own. */
const consentRequiredCodes = new Set(['AADSTS65001', 'consent_required'])

/** A silent token refused because a permission it names lacks consent, not because the sign-in is over. */
export function isConsentRequired(failure: SilentFailure): boolean {
  return failure.reason === 'interactionRequired' && consentRequiredCodes.has(failure.details?.code ?? '')
}

const reconnect = 'Select RECONNECT and sign in again with an administrator account of your tenant.'
const grantPermissions = 'Select GRANT PERMISSIONS to grant them.'
const triesAgain = 'The console keeps showing the last heartbeat and tries again by itself.'

/** Reads an observation the way the tile's status line says it (DESIGN.md, issue 10). */
export function classifyHeartbeat(observation: HeartbeatObservation, known: KnownConnection): HeartbeatFinding {
  const lastKnown = {
    grantedPermissions: null,
    missingPermissions: missingFromGrant(known.grantedPermissions),
    tenant: null,
    auditLog: null
  }
  switch (observation.kind) {
    case 'unconfigured':
      return {
        ...lastKnown,
        outcome: 'unreachable',
        cause: null,
        reason:
          'The console was started without the app registration (Application (client) ID) it connected with. Start the console again with that client ID (set M365_CLIENT_ID, or restore it where it was set), or disconnect and connect again.',
        details: null,
        reachedMicrosoft: false
      }
    case 'cloudUnavailable':
      return { ...lastKnown, ...unreachable(observation.failure), reachedMicrosoft: false }
    case 'silentTokenFailed':
      return { ...lastKnown, ...silentTokenFailure(observation.failure) }
    case 'graphPermissionsRefused':
      // A connection that already needs a reconnect keeps needing one: only a sign-in mends it.
      if (known.status === 'reconnectRequired') return { ...lastKnown, ...silentTokenFailure(observation.failure) }
      return {
        ...lastKnown,
        outcome: 'additionalSetupRequired',
        cause: null,
        reason: `The console’s permissions for your organisation are missing ${listed(observation.lacking)}. ${grantPermissions}`,
        details: observation.failure.details,
        reachedMicrosoft: true,
        auditLog: observation.auditLog?.state ?? null
      }
    case 'timedOut':
      return {
        ...lastKnown,
        outcome: 'unreachable',
        cause: 'microsoft',
        reason: `Microsoft 365 did not finish answering within ${inWords(observation.timeLimitMs)}. ${triesAgain}`,
        details: null,
        reachedMicrosoft: false
      }
    case 'graph':
      return fromGraph(observation.reading, observation.auditLog?.state ?? null, known, lastKnown.missingPermissions)
  }
}

function silentTokenFailure({ reason, details }: SilentFailure): Omit<HeartbeatFinding, 'grantedPermissions' | 'missingPermissions' | 'tenant' | 'auditLog'> {
  const code = details?.code
  if (reason === 'microsoft' && code !== undefined && signInOverCodes.has(code)) reason = 'interactionRequired'
  switch (reason) {
    case 'noAccount':
      return {
        outcome: 'reconnectRequired',
        cause: null,
        reason: `The console’s sign-in to Microsoft 365 is no longer on this computer. ${reconnect}`,
        details,
        reachedMicrosoft: false
      }
    case 'interactionRequired':
      return {
        outcome: 'reconnectRequired',
        cause: null,
        reason: `Microsoft 365 no longer accepts the console’s sign-in: it was revoked or has expired, or the consent was removed. ${reconnect}`,
        details,
        reachedMicrosoft: true
      }
    case 'network':
      return { ...unreachable({ kind: 'network', status: null, details: details ?? {} }), reachedMicrosoft: false }
    case 'microsoft':
      return { ...unreachable({ kind: 'unavailable', status: null, details: details ?? {} }), reachedMicrosoft: false }
  }
}

function fromGraph(
  reading: TenantGrantReading,
  auditLog: HeartbeatRecord['auditLog'],
  known: KnownConnection,
  missingBefore: string[]
): HeartbeatFinding {
  switch (reading.kind) {
    case 'failed':
      return { ...unreachable(reading.failure), grantedPermissions: null, missingPermissions: missingBefore, tenant: null, auditLog, reachedMicrosoft: false }
    case 'unexpected':
      return {
        ...unreachable({ kind: 'microsoft', status: null, details: {} }),
        details: null,
        grantedPermissions: null,
        missingPermissions: missingBefore,
        tenant: null,
        auditLog,
        reachedMicrosoft: false
      }
    case 'refused':
      return reading.status === 401 ? tokenRefused(reading.details, missingBefore, auditLog) : readRefused(reading.details, known, auditLog)
    case 'noServicePrincipal':
      if (reading.tenant.id.toLowerCase() !== known.tenantId.toLowerCase()) return otherTenant(reading.tenant, missingBefore, auditLog)
      return consentRemoved(reading.tenant, auditLog, 'Microsoft 365 has no record of the console’s app in your tenant any more, so the console holds no permissions there.')
    case 'read': {
      if (reading.tenant.id.toLowerCase() !== known.tenantId.toLowerCase()) return otherTenant(reading.tenant, missingBefore, auditLog)
      if (reading.tenantWideGrants === 0) {
        return consentRemoved(reading.tenant, auditLog, 'The console’s permissions for your organisation were removed from your tenant.')
      }
      const grantedPermissions = uniquePermissions([...reading.granted.graph, ...reading.granted.management])
      const missingPermissions = missingTenantWidePermissions(reading.granted)
      const complete = missingPermissions.length === 0
      return {
        outcome: complete ? 'connected' : 'additionalSetupRequired',
        cause: null,
        reason: complete ? null : `The console’s permissions for your organisation are missing ${listed(missingPermissions)}. ${grantPermissions}`,
        details: null,
        grantedPermissions,
        missingPermissions,
        tenant: reading.tenant,
        reachedMicrosoft: true,
        auditLog
      }
    }
  }
}

function unreachable(failure: MicrosoftFailure): Pick<HeartbeatFinding, 'outcome' | 'cause' | 'reason' | 'details'> {
  const details = Object.keys(failure.details).length > 0 ? failure.details : null
  switch (failure.kind) {
    case 'network':
      return {
        outcome: 'unreachable',
        cause: 'network',
        reason: `The console could not reach Microsoft 365. Check this computer’s internet connection. ${triesAgain}`,
        details
      }
    case 'throttled':
      return {
        outcome: 'unreachable',
        cause: 'microsoft',
        reason: `Microsoft 365 asked the console to slow down, and was still busy after the wait it asked for. ${triesAgain}`,
        details
      }
    case 'unavailable':
      return { outcome: 'unreachable', cause: 'microsoft', reason: `Microsoft 365 did not answer just now. ${triesAgain}`, details }
    case 'forbidden':
    case 'accessToken':
    case 'microsoft':
      return {
        outcome: 'unreachable',
        cause: 'microsoft',
        reason: `Microsoft 365 gave an answer the console did not expect. ${triesAgain} If it keeps happening, contact support with the details.`,
        details
      }
  }
}

function tokenRefused(details: MicrosoftDetails, missingPermissions: string[], auditLog: HeartbeatRecord['auditLog']): HeartbeatFinding {
  return {
    outcome: 'reconnectRequired',
    cause: null,
    reason: `Microsoft 365 no longer accepts the console’s sign-in. ${reconnect}`,
    details,
    grantedPermissions: null,
    missingPermissions,
    tenant: null,
    reachedMicrosoft: true,
    auditLog
  }
}

/**
 * 403 on the heartbeat's reads, with a token that names the permissions they need (Entra issues no
 * token for a permission the grant lacks): the grant is not what changed. Most likely the account
 * lost the administrator role the reads need, or Conditional Access blocks it. What was stored of
 * the grant is kept, since nothing was read.
 */
function readRefused(details: MicrosoftDetails, known: KnownConnection, auditLog: HeartbeatRecord['auditLog']): HeartbeatFinding {
  return {
    outcome: 'reconnectRequired',
    cause: null,
    reason:
      'Microsoft 365 refused to let the console read your tenant. The account the console signed in with may no longer be an administrator, or a Conditional Access policy may block it. Select RECONNECT and sign in with a Global Administrator account of your tenant.',
    details,
    grantedPermissions: null,
    missingPermissions: missingFromGrant(known.grantedPermissions),
    tenant: null,
    reachedMicrosoft: true,
    auditLog
  }
}

function consentRemoved(tenant: Tenant, auditLog: HeartbeatRecord['auditLog'], what: string): HeartbeatFinding {
  return {
    outcome: 'reconnectRequired',
    cause: null,
    reason: `${what} Select RECONNECT, and accept the permissions for your organisation again.`,
    details: null,
    grantedPermissions: [],
    missingPermissions: missingFromGrant([]),
    tenant,
    reachedMicrosoft: true,
    auditLog
  }
}

function otherTenant(tenant: Tenant, missingPermissions: string[], auditLog: HeartbeatRecord['auditLog']): HeartbeatFinding {
  return {
    outcome: 'reconnectRequired',
    cause: null,
    reason: `The console’s sign-in now belongs to another tenant (${tenant.name}) than the connected one. ${reconnect}`,
    details: null,
    grantedPermissions: null,
    missingPermissions,
    tenant: null,
    reachedMicrosoft: true,
    auditLog
  }
}

function inWords(milliseconds: number): string {
  const seconds = Math.max(1, Math.round(milliseconds / 1000))
  if (seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`
  return seconds === 1 ? '1 second' : `${seconds} seconds`
}
