import type { ConnectionState } from '../../../shared/cloud-applications.ts'
import { HEARTBEAT_HISTORY_LIMIT, type HeartbeatRecord } from '../../../shared/heartbeat.ts'
import type { ConsoleState } from '../../state/console-state.ts'
import type { HeartbeatFinding } from './heartbeat-classification.ts'

export type StoredConnection = Exclude<ConnectionState, { status: 'notConnected' }>

/**
 * The stored connection as a heartbeat found it at its start. A reconnect keeps the tenant and
 * `connectedAt` but renews the status and Last heartbeat, so comparing all of these tells a
 * heartbeat whether anyone else wrote the connection while it was out asking Microsoft.
 */
export interface ConnectionSeen {
  tenantId: string
  connectedAt: string
  status: StoredConnection['status']
  lastHeartbeatAt: string | null
  homeAccountId: string | null
}

export function connectionSeen(state: ConsoleState): { connection: StoredConnection; seen: ConnectionSeen } | null {
  const connection = state.connections.microsoft365
  if (!connection || connection.status === 'notConnected') return null
  return {
    connection,
    seen: {
      tenantId: connection.tenant.id,
      connectedAt: connection.connectedAt,
      status: connection.status,
      lastHeartbeatAt: connection.lastHeartbeatAt,
      homeAccountId: state.microsoft365SignIn?.homeAccountId ?? null
    }
  }
}

/**
 * The heartbeat's result merged into the latest state, or null when the connection it checked is
 * no longer the one stored (a disconnect, a reconnect or another heartbeat won): then nothing of it
 * may be written, least of all a record that would bring a disconnected connection back.
 */
export function withHeartbeat(
  state: ConsoleState,
  seen: ConnectionSeen,
  record: HeartbeatRecord,
  finding: HeartbeatFinding,
  consoleServicePrincipalId: string | null
): ConsoleState | null {
  const now = connectionSeen(state)
  if (!now || !sameConnection(now.seen, seen)) return null
  const signIn = state.microsoft365SignIn
  return {
    ...state,
    connections: { ...state.connections, microsoft365: nextConnection(now.connection, finding, record.at) },
    ...(signIn && consoleServicePrincipalId !== null ? { microsoft365SignIn: { ...signIn, consoleServicePrincipalId } } : {}),
    microsoft365Heartbeats: [record, ...state.microsoft365Heartbeats].slice(0, HEARTBEAT_HISTORY_LIMIT)
  }
}

function sameConnection(a: ConnectionSeen, b: ConnectionSeen): boolean {
  return (
    a.tenantId === b.tenantId &&
    a.connectedAt === b.connectedAt &&
    a.status === b.status &&
    a.lastHeartbeatAt === b.lastHeartbeatAt &&
    a.homeAccountId === b.homeAccountId
  )
}

/**
 * What the tile shows after a heartbeat. Unreachable keeps the last status it knew, and the moment
 * it first could not reach Microsoft; a connection that needs a reconnect still needs one offline.
 * A heartbeat that could not read something keeps what was stored.
 */
export function nextConnection(current: StoredConnection, finding: HeartbeatFinding, at: string): StoredConnection {
  const fields = {
    tenant: finding.tenant && finding.tenant.id === current.tenant.id ? { ...current.tenant, name: finding.tenant.name, domain: finding.tenant.domain } : current.tenant,
    account: current.account,
    connectedAt: current.connectedAt,
    manifestVersion: current.manifestVersion,
    grantedPermissions: finding.grantedPermissions ?? current.grantedPermissions,
    lastHeartbeatAt: finding.reachedMicrosoft ? at : current.lastHeartbeatAt
  }
  switch (finding.outcome) {
    case 'connected':
    case 'additionalSetupRequired':
    case 'reconnectRequired':
      return { status: finding.outcome, ...fields }
    case 'unreachable':
      if (current.status === 'reconnectRequired') return { status: 'reconnectRequired', ...fields }
      if (current.status === 'unreachable') return { status: 'unreachable', ...fields, since: current.since, lastKnownStatus: current.lastKnownStatus }
      return { status: 'unreachable', ...fields, since: at, lastKnownStatus: current.status }
  }
}
