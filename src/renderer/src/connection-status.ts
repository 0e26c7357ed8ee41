import type { ConnectionState } from '../../shared/cloud-applications.ts'

export function statusLabel(connection: ConnectionState, now: Date = new Date()): string {
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
      return `Unreachable since ${relativeTime(connection.since, now)}`
  }
}

const units: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60]
]

export function relativeTime(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000)
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit)
  }
  return Math.abs(seconds) < 10 ? 'just now' : format.format(seconds, 'second')
}
