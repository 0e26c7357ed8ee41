import { describe, expect, it } from 'vitest'
import type { HeartbeatFinding } from '../../src/main/microsoft-365/heartbeat/heartbeat-classification.ts'
import { connectionSeen, nextConnection, withHeartbeat, type StoredConnection } from '../../src/main/microsoft-365/heartbeat/heartbeat-state-change.ts'
import { consoleStateSchema, emptyConsoleState, type ConsoleState } from '../../src/main/state/console-state.ts'
import { HEARTBEAT_HISTORY_LIMIT, type HeartbeatRecord } from '../../src/shared/heartbeat.ts'
import { connectedRecord } from '../support/connection-records.ts'

const at = '2026-12-01T10:00:00.000Z'
const earlier = '2026-12-01T09:55:00.000Z'

function finding(overrides: Partial<HeartbeatFinding>): HeartbeatFinding {
  return {
    outcome: 'connected',
    cause: null,
    reason: null,
    details: null,
    grantedPermissions: ['Directory.Read.All', 'ActivityFeed.Read'],
    missingPermissions: [],
    tenant: null,
    reachedMicrosoft: true,
    auditLog: 'on',
    ...overrides
  }
}

const unreachable = finding({ outcome: 'unreachable', cause: 'network', reason: 'The console could not reach Microsoft 365.', grantedPermissions: null, reachedMicrosoft: false })

function record(id: string, overrides: Partial<HeartbeatRecord> = {}): HeartbeatRecord {
  return {
    id,
    at,
    durationMs: 120,
    trigger: 'interval',
    outcome: 'connected',
    grantedPermissions: ['Directory.Read.All', 'ActivityFeed.Read'],
    missingPermissions: [],
    auditLog: 'on',
    cause: null,
    reason: null,
    details: null,
    ...overrides
  }
}

function stateWith(connection: StoredConnection, heartbeats: HeartbeatRecord[] = []): ConsoleState {
  return { ...emptyConsoleState, connections: { microsoft365: connection }, microsoft365SignIn: { homeAccountId: 'uid.utid' }, microsoft365Heartbeats: heartbeats }
}

describe('nextConnection', () => {
  it('goes Unreachable keeping the last status, the permissions and Last heartbeat, since this heartbeat', () => {
    const connected = connectedRecord({ lastHeartbeatAt: earlier })
    expect(nextConnection(connected, unreachable, at)).toEqual({ ...connected, status: 'unreachable', since: at, lastKnownStatus: 'connected' })
    const lacking: StoredConnection = { ...connectedRecord(), status: 'additionalSetupRequired' }
    expect(nextConnection(lacking, unreachable, at)).toMatchObject({ status: 'unreachable', lastKnownStatus: 'additionalSetupRequired' })
  })

  it('keeps the first moment and the last known status while it stays Unreachable', () => {
    const already: StoredConnection = { ...connectedRecord(), status: 'unreachable', since: earlier, lastKnownStatus: 'additionalSetupRequired' }
    expect(nextConnection(already, unreachable, at)).toEqual(already)
  })

  it('keeps Reconnect required when a connection that needs one goes offline', () => {
    const needsReconnect: StoredConnection = { ...connectedRecord(), status: 'reconnectRequired' }
    expect(nextConnection(needsReconnect, unreachable, at)).toEqual(needsReconnect)
  })

  it('comes back from Unreachable with what it read, and without the offline fields', () => {
    const offline: StoredConnection = { ...connectedRecord(), status: 'unreachable', since: earlier, lastKnownStatus: 'connected' }
    const back = nextConnection(offline, finding({ outcome: 'additionalSetupRequired', grantedPermissions: ['Directory.Read.All'], missingPermissions: ['ActivityFeed.Read'] }), at)
    expect(back).toEqual({ ...connectedRecord(), status: 'additionalSetupRequired', grantedPermissions: ['Directory.Read.All'], lastHeartbeatAt: at })
  })

  it('follows a renamed tenant, but never takes another tenant’s id', () => {
    const connection = connectedRecord()
    const renamed = nextConnection(connection, finding({ tenant: { ...connection.tenant, name: 'Contoso Ltd', domain: 'contoso.com' } }), at)
    expect(renamed.tenant).toEqual({ id: connection.tenant.id, name: 'Contoso Ltd', domain: 'contoso.com' })
    expect(nextConnection(connection, finding({ tenant: { id: 'other', name: 'Fabrikam', domain: 'fabrikam.com' } }), at).tenant).toEqual(connection.tenant)
  })

  it('moves Last heartbeat only when Microsoft answered', () => {
    const noAccount = finding({ outcome: 'reconnectRequired', grantedPermissions: null, reachedMicrosoft: false })
    expect(nextConnection(connectedRecord({ lastHeartbeatAt: earlier }), noAccount, at)).toMatchObject({ status: 'reconnectRequired', lastHeartbeatAt: earlier })
  })
})

describe('withHeartbeat', () => {
  const connection = connectedRecord()
  const state = stateWith(connection)
  const seen = connectionSeen(state)?.seen
  if (!seen) throw new Error('expected a connection')

  it('stores the new status, the record on top of the history, and the service principal it learnt, in a state the schema accepts', () => {
    const history = Array.from({ length: HEARTBEAT_HISTORY_LIMIT }, (_, index) => record(`old-${index}`))
    const next = withHeartbeat(stateWith(connection, history), seen, record('new'), finding({}), 'console-sp')
    expect(next?.microsoft365Heartbeats).toHaveLength(HEARTBEAT_HISTORY_LIMIT)
    expect(next?.microsoft365Heartbeats[0]?.id).toBe('new')
    expect(next?.microsoft365Heartbeats.at(-1)?.id).toBe(`old-${HEARTBEAT_HISTORY_LIMIT - 2}`)
    expect(next?.microsoft365SignIn).toEqual({ homeAccountId: 'uid.utid', consoleServicePrincipalId: 'console-sp' })
    expect(next?.connections.microsoft365).toMatchObject({ status: 'connected', lastHeartbeatAt: at })
    expect(consoleStateSchema.safeParse(next).success).toBe(true)
  })

  it('writes nothing over a disconnect', () => {
    const { microsoft365: _gone, ...none } = state.connections
    expect(withHeartbeat({ ...state, connections: none, microsoft365SignIn: undefined }, seen, record('late'), finding({}), null)).toBeNull()
  })

  it('writes nothing over another connection, or over a reconnect of the same one', () => {
    const other = stateWith(connectedRecord({ connectedAt: at }))
    expect(withHeartbeat(other, seen, record('late'), finding({}), null)).toBeNull()
    const reconnected = stateWith({ ...connection, lastHeartbeatAt: at })
    expect(withHeartbeat(reconnected, seen, record('late'), finding({ outcome: 'reconnectRequired' }), null)).toBeNull()
  })
})
