import { describe, expect, it } from 'vitest'
import { durationLabel, intervalLabel, nextHeartbeatLabel, problemWords, triggerLabel } from '../../src/renderer/src/heartbeat-words.ts'
import type { ConnectedState } from '../../src/renderer/src/connection-status.ts'
import { grantOffered, missingPermissions, permissionRows } from '../../src/renderer/src/permission-rows.ts'
import { problemRecord } from '../../src/renderer/src/problem-record.ts'
import { heartbeatIntervalChoices, type HeartbeatRecord, type Microsoft365Status, type PermissionGrant } from '../../src/shared/heartbeat.ts'

const now = new Date('2026-11-27T12:00:00.000Z')

describe('the heartbeat in words', () => {
  it('says why a heartbeat ran', () => {
    expect(triggerLabel('checkNow')).toBe('Check now')
    expect(triggerLabel('interval')).toBe('on schedule')
    expect(triggerLabel('online')).toBe('network returned')
  })

  it('says how long one took, in milliseconds under a second and in seconds above', () => {
    expect(durationLabel(0)).toBe('0 ms')
    expect(durationLabel(420.4)).toBe('420 ms')
    expect(durationLabel(999)).toBe('999 ms')
    expect(durationLabel(1000)).toBe('1.0 s')
    expect(durationLabel(1280)).toBe('1.3 s')
    expect(durationLabel(42_400)).toBe('42 s')
  })

  it('offers every interval of the Settings select in words, and an environment’s odd one too', () => {
    expect(heartbeatIntervalChoices.map(intervalLabel)).toEqual(['Every minute', 'Every 5 minutes', 'Every 10 minutes', 'Every 15 minutes', 'Every 30 minutes', 'Every hour'])
    expect(intervalLabel(2)).toBe('Every 2 seconds')
    expect(intervalLabel(1)).toBe('Every second')
    expect(intervalLabel(90)).toBe('Every 90 seconds')
    expect(intervalLabel(7200)).toBe('Every 2 hours')
  })

  it('says when the next heartbeat is due, never “just now” or in the past', () => {
    expect(nextHeartbeatLabel('2026-11-27T12:05:00.000Z', now)).toBe('in 5 minutes')
    expect(nextHeartbeatLabel('2026-11-27T12:00:30.000Z', now)).toBe('in less than a minute')
    expect(nextHeartbeatLabel('2026-11-27T11:59:00.000Z', now)).toBe('in less than a minute')
    expect(nextHeartbeatLabel('2026-11-27T13:00:00.000Z', now)).toBe('in 1 hour')
  })

  it('says what is wrong and what to do for each state but Connected', () => {
    const tenant = { name: 'Contoso' }
    expect(problemWords({ status: 'additionalSetupRequired', tenant }, null).advice).toMatch(/GRANT PERMISSIONS/)
    expect(problemWords({ status: 'additionalSetupRequired', tenant }, null, true).advice).toMatch(/next heartbeat/)
    expect(problemWords({ status: 'reconnectRequired', tenant }, null).advice).toMatch(/RECONNECT signs in to Contoso again/)
    expect(problemWords({ status: 'unreachable', tenant }, 'network').title).toBe('This computer is offline.')
    expect(problemWords({ status: 'unreachable', tenant }, 'microsoft').title).toBe('Microsoft 365 did not answer.')
  })

  it('blames neither the network nor Microsoft for an Unreachable without a cause', () => {
    // Such as a console that no longer knows its app registration: it never asked Microsoft.
    const { title } = problemWords({ status: 'unreachable', tenant: { name: 'Contoso' } }, null)
    expect(title).toBe('The console cannot check the connection now.')
    expect(title).not.toMatch(/Microsoft 365|offline/)
  })
})

const contosoTenant = { id: '00000000-0000-0000-0000-000000000001', name: 'Contoso', domain: 'contoso.onmicrosoft.com' }
function connectionAs(status: 'connected' | 'additionalSetupRequired' | 'reconnectRequired'): ConnectedState {
  return {
    status,
    tenant: contosoTenant,
    account: 'admin@contoso.onmicrosoft.com',
    connectedAt: '2026-11-27T09:00:00.000Z',
    manifestVersion: '2',
    grantedPermissions: [],
    lastHeartbeatAt: '2026-11-27T11:00:00.000Z'
  }
}
const unreachableSince: ConnectedState = { ...connectionAs('connected'), status: 'unreachable', since: '2026-11-27T11:40:00.000Z', lastKnownStatus: 'additionalSetupRequired' }

function record(id: string, minute: number, outcome: HeartbeatRecord['outcome'], more: Partial<HeartbeatRecord> = {}): HeartbeatRecord {
  return {
    id,
    at: `2026-11-27T11:${String(minute).padStart(2, '0')}:00.000Z`,
    durationMs: 400,
    trigger: 'interval',
    outcome,
    grantedPermissions: [],
    missingPermissions: [],
    auditLog: null,
    cause: null,
    reason: null,
    details: null,
    ...more
  }
}
const revoked = record('h3', 30, 'reconnectRequired', {
  reason: 'The console’s permissions for your organisation were removed from your tenant. Select RECONNECT, and accept the permissions for your organisation again.',
  missingPermissions: ['Directory.Read.All', 'ActivityFeed.Read']
})
const offline = record('h4', 50, 'unreachable', { cause: 'network', reason: 'The console could not reach Microsoft 365. Check this computer’s internet connection.' })
const noAnswer = record('h2', 20, 'unreachable', { cause: 'microsoft', reason: 'Microsoft 365 did not answer just now.' })
const lacking = record('h1', 10, 'additionalSetupRequired', { reason: 'The console’s permissions for your organisation are missing ActivityFeed.Read.' })

describe('the heartbeat that explains the status', () => {
  it('is, for Reconnect required, the newest Reconnect-required heartbeat, not a newer offline one', () => {
    const found = problemRecord(connectionAs('reconnectRequired'), [offline, revoked, noAnswer, lacking])
    expect(found?.id).toBe('h3')
    // Title and reason agree: both about the sign-in, neither about the internet connection.
    expect(problemWords({ status: 'reconnectRequired', tenant: contosoTenant }, found?.cause ?? null).title).toBe('The console can no longer sign in to your tenant.')
    expect(found?.reason).toMatch(/RECONNECT/)
    expect(found?.reason).not.toMatch(/internet/)
  })

  it('is the newest heartbeat that found the status itself, for each status but Connected', () => {
    const history = [offline, revoked, noAnswer, lacking]
    expect(problemRecord(unreachableSince, history)?.id).toBe('h4')
    expect(problemRecord(connectionAs('additionalSetupRequired'), history)?.id).toBe('h1')
    expect(problemRecord(unreachableSince, [revoked, noAnswer])?.cause).toBe('microsoft')
    expect(problemRecord(connectionAs('connected'), history)).toBeNull()
  })

  it('is none when no recent heartbeat found the status, so no stranger’s reason shows', () => {
    expect(problemRecord(connectionAs('reconnectRequired'), [offline, noAnswer])).toBeNull()
    expect(problemRecord(connectionAs('reconnectRequired'), [])).toBeNull()
  })
})

describe('the status dialog’s permission rows', () => {
  const directory = { name: 'Directory.Read.All', resource: 'Microsoft Graph' as const, purpose: 'Reads the tenant.' }
  const feed = { name: 'ActivityFeed.Read', resource: 'Office 365 Management APIs' as const, purpose: 'Checks the audit log.' }
  const status = (grant: PermissionGrant): Microsoft365Status => ({
    recentHeartbeats: [],
    nextHeartbeatAt: null,
    checking: false,
    permissions: [
      { ...directory, state: 'granted' },
      { ...feed, state: 'missing' }
    ],
    grant
  })

  it('shows what the last heartbeat read', () => {
    const rows = permissionRows(status({ step: 'idle' }), null, [])
    expect(rows?.map((row) => [row.name, row.state, row.justGranted])).toEqual([
      ['Directory.Read.All', 'granted', false],
      ['ActivityFeed.Read', 'missing', false]
    ])
    expect(missingPermissions(rows ?? []).map((row) => row.name)).toEqual(['ActivityFeed.Read'])
  })

  it('shows what GRANT PERMISSIONS granted since as granted, before the next heartbeat reads it', () => {
    const rows = permissionRows(status({ step: 'granted', at: '2026-11-27T12:00:00.000Z', permissions: ['activityfeed.read'] }), null, [])
    expect(rows?.map((row) => [row.name, row.state, row.justGranted])).toEqual([
      ['Directory.Read.All', 'granted', false],
      ['ActivityFeed.Read', 'granted', true]
    ])
    expect(missingPermissions(rows ?? [])).toEqual([])
  })

  it('offers GRANT PERMISSIONS for every status but Reconnect required, where the rows still show Missing', () => {
    expect(grantOffered({ status: 'additionalSetupRequired' })).toBe(true)
    expect(grantOffered({ status: 'connected' })).toBe(true)
    expect(grantOffered({ status: 'unreachable' })).toBe(true)
    expect(grantOffered({ status: 'reconnectRequired' })).toBe(false)
    // Revoked consent: the grant read is empty, so both rows are Missing, and RECONNECT is the way on.
    const revokedStatus: Microsoft365Status = { ...status({ step: 'idle' }), permissions: [{ ...directory, state: 'missing' }, { ...feed, state: 'missing' }] }
    const rows = permissionRows(revokedStatus, null, [])
    expect(missingPermissions(rows ?? []).map((row) => row.name)).toEqual(['Directory.Read.All', 'ActivityFeed.Read'])
  })

  it('falls back to the manifest against the stored grant without a status, and to nothing without either', () => {
    const rows = permissionRows(null, { version: '2', permissions: [directory, feed] }, ['DIRECTORY.READ.ALL'])
    expect(rows?.map((row) => [row.name, row.state])).toEqual([
      ['Directory.Read.All', 'granted'],
      ['ActivityFeed.Read', 'missing']
    ])
    expect(permissionRows(null, null, [])).toBeNull()
  })
})
