import type { ConnectionState } from '../../shared/cloud-applications.ts'

/** `timeZone` is for tests; the page shows times in the administrator's own zone. */
export function statusLabel(connection: ConnectionState, now: Date = new Date(), timeZone?: string): string {
  switch (connection.status) {
    case 'notConnected':
      return 'Not connected'
    case 'connected':
      return 'Connected'
    case 'additionalSetupRequired':
      return 'Connected (Additional setup required)'
    case 'reconnectRequired':
      return 'Reconnect required'
    case 'unreachable':
      // A clock time rather than "3 minutes ago": the line is a live status that screen readers
      // announce on every change, and a fixed time does not change each minute.
      return `Unreachable since ${clockTime(connection.since, now, timeZone)}`
  }
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
