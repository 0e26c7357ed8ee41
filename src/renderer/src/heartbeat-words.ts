import type { HeartbeatTrigger } from '../../shared/heartbeat.ts'
import { relativeTime } from './connection-status.ts'

/** Why a heartbeat ran, for the history's small print. */
export function triggerLabel(trigger: HeartbeatTrigger): string {
  switch (trigger) {
    case 'connect':
      return 'after connecting'
    case 'launch':
      return 'at launch'
    case 'interval':
      return 'on schedule'
    case 'resume':
      return 'after sleep'
    case 'online':
      return 'network returned'
    case 'checkNow':
      return 'Check now'
    case 'retry':
      return 'retry'
  }
}

/** How long a heartbeat took: milliseconds under a second, else seconds to one decimal. */
export function durationLabel(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`
}

function count(value: number, unit: string): string {
  return value === 1 ? `Every ${unit}` : `Every ${value} ${unit}s`
}

/** "Every 5 minutes": in the largest whole unit, so an environment's odd value reads right too. */
export function intervalLabel(seconds: number): string {
  if (seconds % 3600 === 0) return count(seconds / 3600, 'hour')
  if (seconds % 60 === 0) return count(seconds / 60, 'minute')
  return count(seconds, 'second')
}

/** When the next heartbeat is due, to the minute: one due or overdue reads "in less than a minute". */
export function nextHeartbeatLabel(iso: string, now: Date): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000
  return seconds < 60 ? 'in less than a minute' : relativeTime(iso, now)
}

/** What the status dialog says when the connection is not plainly Connected: what is wrong, and what to do. */
export function problemWords(
  connection: { status: 'additionalSetupRequired' | 'reconnectRequired' | 'unreachable'; tenant: { name: string } },
  cause: 'network' | 'microsoft' | null,
  grantedSince = false
): { title: string; advice: string } {
  switch (connection.status) {
    case 'additionalSetupRequired':
      return {
        title: 'The console is missing permissions in your tenant.',
        advice: grantedSince
          ? 'Microsoft has granted them since; the next heartbeat picks them up.'
          : 'GRANT PERMISSIONS below asks Microsoft for the missing ones.'
      }
    case 'reconnectRequired':
      return {
        title: 'The console can no longer sign in to your tenant.',
        advice: `RECONNECT signs in to ${connection.tenant.name} again. The connection and its heartbeat history are kept.`
      }
    case 'unreachable':
      return {
        title: unreachableTitle(cause),
        advice: 'The console shows what it stored at the last heartbeat, and tries again on its own.'
      }
  }
}

/** Only a heartbeat that blamed the network or Microsoft may say so; without a cause (such as no app registration to sign in with) the console only knows that it could not check. */
function unreachableTitle(cause: 'network' | 'microsoft' | null): string {
  switch (cause) {
    case 'network':
      return 'This computer is offline.'
    case 'microsoft':
      return 'Microsoft 365 did not answer.'
    case null:
      return 'The console cannot check the connection now.'
  }
}
