import type { HeartbeatRecord } from '../../shared/heartbeat.ts'
import type { ConnectedState } from './connection-status.ts'

/**
 * The heartbeat that explains the status: the newest one whose result is the status itself. A newer
 * heartbeat that found something else does not: offline while a reconnect is still required, the
 * status stays Reconnect required, and it is the sign-in's reason that tells the admin what to do.
 */
export function problemRecord(connection: ConnectedState, recentHeartbeats: readonly HeartbeatRecord[]): HeartbeatRecord | null {
  if (connection.status === 'connected') return null
  return recentHeartbeats.find((record) => record.outcome === connection.status) ?? null
}
