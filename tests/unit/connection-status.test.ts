import { describe, expect, it } from 'vitest'
import type { ConnectionState } from '../../src/shared/cloud-applications.ts'
import { clockTime, exactTime, isConnected, isGranted, outcomeLabel, relativeTime, statusLabel, statusLine, timeLeft, timeLeftInWords } from '../../src/renderer/src/connection-status.ts'

const tenant = { id: 't', name: 'Contoso', domain: 'contoso.com' }
const now = new Date('2026-11-27T12:00:00.000Z')
/** What every connected record holds besides its status (cloud-applications.ts). */
const record = {
  tenant,
  account: 'admin@contoso.com',
  connectedAt: '2026-11-27T09:30:00.000Z',
  manifestVersion: '1',
  grantedPermissions: ['Directory.Read.All', 'activityfeed.read'],
  lastHeartbeatAt: null
}

describe('the tile’s status line', () => {
  it('uses the manual’s words for each state', () => {
    expect(statusLabel({ status: 'notConnected' })).toBe('Not connected')
    expect(statusLabel({ status: 'connected', ...record })).toBe('Connected')
    expect(statusLabel({ status: 'additionalSetupRequired', ...record })).toBe('Connected (Additional setup required)')
    expect(statusLabel({ status: 'reconnectRequired', ...record })).toBe('Reconnect required')
    expect(statusLabel({ status: 'unreachable', ...record, since: '2026-11-27T10:00:00.000Z', lastKnownStatus: 'connected' }, now, 'UTC')).toBe(
      'Unreachable since 10:00 AM'
    )
  })

  it('names each heartbeat result as the tile does', () => {
    expect(outcomeLabel('connected')).toBe('Connected')
    expect(outcomeLabel('additionalSetupRequired')).toBe('Connected (Additional setup required)')
    expect(outcomeLabel('reconnectRequired')).toBe('Reconnect required')
    expect(outcomeLabel('unreachable')).toBe('Unreachable')
  })

  it('keeps the last known status on the line of an unreachable connection', () => {
    expect(statusLine({ status: 'connected', ...record })).toBe('Connected')
    expect(statusLine({ status: 'unreachable', ...record, since: '2026-11-27T10:42:00.000Z', lastKnownStatus: 'connected' }, now, 'UTC')).toBe(
      'Unreachable since 10:42 AM · last known: Connected'
    )
    expect(statusLine({ status: 'unreachable', ...record, since: '2026-11-27T10:42:00.000Z', lastKnownStatus: 'additionalSetupRequired' }, now, 'UTC')).toBe(
      'Unreachable since 10:42 AM · last known: Connected (Additional setup required)'
    )
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

describe('a connection’s details', () => {
  it('has a tenant, an account and a connect time in every state but Not connected', () => {
    const states: ConnectionState[] = [
      { status: 'notConnected' },
      { status: 'connected', ...record },
      { status: 'additionalSetupRequired', ...record },
      { status: 'reconnectRequired', ...record },
      { status: 'unreachable', ...record, since: '2026-11-27T10:00:00.000Z', lastKnownStatus: 'additionalSetupRequired' }
    ]
    expect(states.filter(isConnected).map((state) => [state.status, state.tenant.name, state.account, state.connectedAt])).toEqual([
      ['connected', 'Contoso', 'admin@contoso.com', '2026-11-27T09:30:00.000Z'],
      ['additionalSetupRequired', 'Contoso', 'admin@contoso.com', '2026-11-27T09:30:00.000Z'],
      ['reconnectRequired', 'Contoso', 'admin@contoso.com', '2026-11-27T09:30:00.000Z'],
      ['unreachable', 'Contoso', 'admin@contoso.com', '2026-11-27T09:30:00.000Z']
    ])
  })

  it('marks a permission granted when the grant holds it, in any letter case', () => {
    expect(isGranted('Directory.Read.All', record.grantedPermissions)).toBe(true)
    expect(isGranted('ActivityFeed.Read', record.grantedPermissions)).toBe(true)
    expect(isGranted('DelegatedPermissionGrant.ReadWrite.All', record.grantedPermissions)).toBe(false)
  })

  it('gives the exact time, with the date and the zone, for a title', () => {
    expect(exactTime('2026-11-27T09:30:05.000Z', 'UTC')).toBe('Friday, November 27, 2026 at 9:30:05 AM UTC')
  })
})

describe('the time left to sign in', () => {
  const deadline = '2026-11-27T12:05:00.000Z'
  it('counts down in minutes and seconds, and stops at zero', () => {
    expect(timeLeft(deadline, now)).toBe('05:00')
    expect(timeLeft(deadline, new Date('2026-11-27T12:03:30.400Z'))).toBe('01:30')
    expect(timeLeft(deadline, new Date('2026-11-27T12:04:59.000Z'))).toBe('00:01')
    expect(timeLeft(deadline, new Date('2026-11-27T12:06:00.000Z'))).toBe('00:00')
    expect(timeLeft('2026-11-27T12:15:00.000Z', now)).toBe('15:00')
  })

  it('says it in words that change once a minute, for a polite announcement', () => {
    expect(timeLeftInWords(deadline, now)).toBe('5 minutes left to sign in.')
    expect(timeLeftInWords(deadline, new Date('2026-11-27T12:00:01.000Z'))).toBe('5 minutes left to sign in.')
    expect(timeLeftInWords(deadline, new Date('2026-11-27T12:03:59.000Z'))).toBe('2 minutes left to sign in.')
    expect(timeLeftInWords(deadline, new Date('2026-11-27T12:04:00.000Z'))).toBe('Less than a minute left to sign in.')
    expect(timeLeftInWords(deadline, new Date('2026-11-27T12:05:00.000Z'))).toBe('The time to sign in is up.')
  })

  it('names what the time is for, for GRANT PERMISSIONS', () => {
    expect(timeLeftInWords(deadline, now, 'to accept')).toBe('5 minutes left to accept.')
    expect(timeLeftInWords(deadline, new Date('2026-11-27T12:04:30.000Z'), 'to accept')).toBe('Less than a minute left to accept.')
    expect(timeLeftInWords(deadline, new Date('2026-11-27T12:06:00.000Z'), 'to accept')).toBe('The time to accept is up.')
  })
})
