import type { ConnectionState } from '../../shared/cloud-applications.ts'
import type { HeartbeatOutcome } from '../../shared/heartbeat.ts'

/** A heartbeat's result, in the tile's words; the status line says the same for the same state. */
export function outcomeLabel(outcome: HeartbeatOutcome): string {
  switch (outcome) {
    case 'connected':
      return 'Connected'
    case 'additionalSetupRequired':
      return 'Connected (Additional setup required)'
    case 'reconnectRequired':
      return 'Reconnect required'
    case 'unreachable':
      return 'Unreachable'
  }
}

/** `timeZone` is for tests; the page shows times in the administrator's own zone. */
export function statusLabel(connection: ConnectionState, now: Date = new Date(), timeZone?: string): string {
  switch (connection.status) {
    case 'notConnected':
      return 'Not connected'
    case 'connected':
    case 'additionalSetupRequired':
    case 'reconnectRequired':
      return outcomeLabel(connection.status)
    case 'unreachable':
      // A clock time rather than "3 minutes ago": the line is a live status that screen readers
      // announce on every change, and a fixed time does not change each minute.
      return `Unreachable since ${clockTime(connection.since, now, timeZone)}`
  }
}

/**
 * The tile's and the dialog's status line: the label, and for Unreachable the last status known
 * before, which is what the stored data on screen still reflects.
 */
export function statusLine(connection: ConnectionState, now: Date = new Date(), timeZone?: string): string {
  const label = statusLabel(connection, now, timeZone)
  if (connection.status !== 'unreachable') return label
  return `${label} · last known: ${statusLabel({ ...connection, status: connection.lastKnownStatus })}`
}

const units: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60]
]

/** To the minute, as the page's clock ticks: anything under a minute is "just now". */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000)
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit)
  }
  return 'just now'
}

/** The time of day, with the date in front when it was not today. */
export function clockTime(iso: string, now: Date = new Date(), timeZone?: string): string {
  const when = new Date(iso)
  const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone })
  const time = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone }).format(when)
  return day.format(when) === day.format(now) ? time : `${day.format(when)}, ${time}`
}

/** The connection's details, once there is a connection at all. */
export type ConnectedState = Exclude<ConnectionState, { status: 'notConnected' }>

export function isConnected(connection: ConnectionState): connection is ConnectedState {
  return connection.status !== 'notConnected'
}

/** The exact instant, for a title or a tooltip, in the administrator's own zone. */
export function exactTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'long', timeZone }).format(new Date(iso))
}

function secondsLeft(deadline: string, now: Date): number {
  return Math.max(0, Math.ceil((new Date(deadline).getTime() - now.getTime()) / 1000))
}

/** What is left until `deadline`, as mm:ss; never below 00:00. */
export function timeLeft(deadline: string, now: Date): string {
  const seconds = secondsLeft(deadline, now)
  const minutes = Math.floor(seconds / 60)
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`
}

/**
 * The same, for a screen reader, in words that change once a minute (and once in the last minute),
 * so a polite live region speaks up now and then rather than every second. `task` names what the
 * time is for: "to sign in", "to accept".
 */
export function timeLeftInWords(deadline: string, now: Date, task = 'to sign in'): string {
  const seconds = secondsLeft(deadline, now)
  if (seconds === 0) return `The time ${task} is up.`
  if (seconds <= 60) return `Less than a minute left ${task}.`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minutes left ${task}.`
}

/** Whether the tenant-wide grant holds a permission; Entra compares permission values case-insensitively. */
export function isGranted(permission: string, granted: readonly string[]): boolean {
  return granted.some((value) => value.toLowerCase() === permission.toLowerCase())
}
