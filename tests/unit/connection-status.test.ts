import { describe, expect, it } from 'vitest'
import { relativeTime, statusLabel } from '../../src/renderer/src/connection-status.ts'

const tenant = { id: 't', name: 'Contoso', domain: 'contoso.com' }
const now = new Date('2026-11-27T12:00:00.000Z')

describe('the tile’s status line', () => {
  it('uses the manual’s words for each state', () => {
    expect(statusLabel({ status: 'notConnected' })).toBe('Not connected')
    expect(statusLabel({ status: 'connected', tenant, lastHeartbeatAt: null })).toBe('Connected')
    expect(statusLabel({ status: 'additionalSetupRequired', tenant, lastHeartbeatAt: null })).toBe('Connected (Additional setup required)')
    expect(statusLabel({ status: 'reconnectRequired', tenant, lastHeartbeatAt: null })).toBe('Reconnect required')
    expect(
      statusLabel({ status: 'unreachable', tenant, lastHeartbeatAt: null, since: '2026-11-27T10:00:00.000Z', lastKnownStatus: 'connected' }, now)
    ).toBe('Unreachable since 2 hours ago')
  })

  it('says how long ago in words', () => {
    expect(relativeTime('2026-11-27T11:59:58.000Z', now)).toBe('just now')
    expect(relativeTime('2026-11-27T11:59:30.000Z', now)).toBe('30 seconds ago')
    expect(relativeTime('2026-11-27T11:55:00.000Z', now)).toBe('5 minutes ago')
    expect(relativeTime('2026-11-26T11:00:00.000Z', now)).toBe('yesterday')
  })
})
