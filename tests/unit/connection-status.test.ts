import { describe, expect, it } from 'vitest'
import { clockTime, relativeTime, statusLabel } from '../../src/renderer/src/connection-status.ts'

const tenant = { id: 't', name: 'Contoso', domain: 'contoso.com' }
const now = new Date('2026-11-27T12:00:00.000Z')

describe('the tile’s status line', () => {
  it('uses the manual’s words for each state', () => {
    expect(statusLabel({ status: 'notConnected' })).toBe('Not connected')
    expect(statusLabel({ status: 'connected', tenant, lastHeartbeatAt: null })).toBe('Connected')
    expect(statusLabel({ status: 'additionalSetupRequired', tenant, lastHeartbeatAt: null })).toBe('Connected (Additional setup required)')
    expect(statusLabel({ status: 'reconnectRequired', tenant, lastHeartbeatAt: null })).toBe('Reconnect required')
    expect(
      statusLabel({ status: 'unreachable', tenant, lastHeartbeatAt: null, since: '2026-11-27T10:00:00.000Z', lastKnownStatus: 'connected' }, now, 'UTC')
    ).toBe('Unreachable since 10:00 AM')
  })

  it('says since when a connection has been unreachable as a clock time, with the date once it is not today', () => {
    expect(clockTime('2026-11-27T10:05:00.000Z', now, 'UTC')).toBe('10:05 AM')
    expect(clockTime('2026-11-26T22:30:00.000Z', now, 'UTC')).toBe('Nov 26, 2026, 10:30 PM')
    expect(clockTime('2026-11-27T10:05:00.000Z', now, 'Asia/Tokyo')).toBe('7:05 PM')
  })

  it('says how long ago in words', () => {
    expect(relativeTime('2026-11-27T11:59:58.000Z', now)).toBe('just now')
    expect(relativeTime('2026-11-27T11:59:30.000Z', now)).toBe('just now')
    expect(relativeTime('2026-11-27T11:55:00.000Z', now)).toBe('5 minutes ago')
    expect(relativeTime('2026-11-26T11:00:00.000Z', now)).toBe('yesterday')
  })
})
