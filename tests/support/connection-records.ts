import type { ConnectionState } from '../../src/shared/cloud-applications.ts'

type Connected = Extract<ConnectionState, { status: 'connected' }>

/** A stored Microsoft 365 connection, as CONFIRM writes it. */
export function connectedRecord(overrides: Partial<Connected> = {}): Connected {
  return {
    status: 'connected',
    tenant: { id: '7f2c9e14-3b8a-4d6f-a1e5-9c0b2d4f6a81', name: 'Contoso', domain: 'contoso.onmicrosoft.com' },
    account: 'MeganB@contoso.onmicrosoft.com',
    connectedAt: '2026-11-30T09:00:00.000Z',
    manifestVersion: '1',
    grantedPermissions: ['Directory.Read.All', 'ActivityFeed.Read'],
    lastHeartbeatAt: '2026-11-30T09:00:00.000Z',
    ...overrides
  }
}
