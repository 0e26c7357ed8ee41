import type { ConnectionState } from '../../../shared/cloud-applications.ts'
import type { HeartbeatRecord } from '../../../shared/heartbeat.ts'

export interface DesktopNotification {
  title: string
  body: string
}

/**
 * Whether a heartbeat took the connection from Connected to something worse, counting the status an
 * Unreachable connection last knew. Losing the network is not news the OS must bring (the offline
 * notice says it, and every wake from sleep would otherwise), and neither is a spell of
 * Unreachable that already began.
 */
export function worsened(before: ConnectionState | undefined, record: HeartbeatRecord): boolean {
  if (!before || before.status === 'notConnected') return false
  const wasConnected = before.status === 'connected' || (before.status === 'unreachable' && before.lastKnownStatus === 'connected')
  if (!wasConnected || record.outcome === 'connected') return false
  if (record.outcome === 'unreachable') return record.cause !== 'network' && before.status !== 'unreachable'
  return true
}

export function worsenedNotification(record: HeartbeatRecord): DesktopNotification {
  switch (record.outcome) {
    case 'additionalSetupRequired':
      return { title: 'Microsoft 365: additional setup required', body: 'The console is missing permissions in your tenant. Open the connection status to grant them.' }
    case 'reconnectRequired':
      return { title: 'Microsoft 365: reconnect required', body: 'The console can no longer sign in to your tenant. Open the connection status to reconnect.' }
    default:
      return { title: 'Microsoft 365 is unreachable', body: 'The console could not reach Microsoft 365. It keeps showing the last heartbeat and tries again.' }
  }
}
