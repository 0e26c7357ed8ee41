import { RECENT_HEARTBEATS_SHOWN, type Microsoft365Status, type PermissionGrant } from '../../../shared/heartbeat.ts'
import type { ConsoleState } from '../../state/console-state.ts'
import { manifestView, missingFromGrant } from '../permission-manifest.ts'

/** What the status dialog shows, from the stored state and what the scheduler and the grant flow hold now. */
export function microsoft365StatusView(
  state: ConsoleState,
  live: { nextAt: Date | null; checking: boolean; grant: PermissionGrant }
): Microsoft365Status {
  const connection = state.connections.microsoft365
  const connected = connection !== undefined && connection.status !== 'notConnected'
  const missing = new Set(connected ? missingFromGrant(connection.grantedPermissions) : [])
  return {
    recentHeartbeats: state.microsoft365Heartbeats.slice(0, RECENT_HEARTBEATS_SHOWN),
    nextHeartbeatAt: connected && live.nextAt ? live.nextAt.toISOString() : null,
    checking: live.checking,
    permissions: manifestView().permissions.map((permission) => ({ ...permission, state: missing.has(permission.name) ? 'missing' : 'granted' })),
    grant: live.grant
  }
}
