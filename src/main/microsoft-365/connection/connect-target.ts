import type { ConnectionState, Tenant } from '../../../shared/cloud-applications.ts'
import type { ConnectFailure } from '../../../shared/microsoft-365.ts'
import { ConsoleUserError } from '../../console-user-error.ts'
import type { StateRepository } from '../../state/state-repository.ts'

export type StoredConnection = Exclude<ConnectionState, { status: 'notConnected' }>

/**
 * What CONNECT may do now: connect a tenant when none is stored, or reconnect the stored one when
 * its heartbeat said Reconnect required. Any other stored connection is refused, naming its tenant.
 */
export type ConnectTarget = { kind: 'connect' } | { kind: 'reconnect'; connection: StoredConnection }

export function connectTarget(repository: StateRepository): ConnectTarget {
  const existing = repository.read().connections.microsoft365
  if (!existing || existing.status === 'notConnected') return { kind: 'connect' }
  if (existing.status === 'reconnectRequired') return { kind: 'reconnect', connection: existing }
  throw alreadyConnected(existing)
}

export function alreadyConnected(existing: StoredConnection): ConsoleUserError {
  return new ConsoleUserError(
    'alreadyConnected',
    `Microsoft 365 is already connected to ${existing.tenant.name}. Disconnect it first if you want to connect another tenant.`
  )
}

export function sameTenant(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/**
 * A reconnect signed in to another tenant than the connected one. Reconnecting there would swap
 * the tenant under the connection's history, so it is refused and the stored record stays.
 */
export function otherTenantFailure(connected: Tenant, signedIn: { tenant: Tenant | null; tenantId: string; account: string }): ConnectFailure {
  const other = signedIn.tenant ? describeTenant(signedIn.tenant) : `another tenant (${signedIn.tenantId})`
  return {
    kind: 'signIn',
    title: `${signedIn.account} belongs to ${other}, but Microsoft 365 is connected to ${describeTenant(connected)}.`,
    fix: `Select Try another account and sign in with an administrator account of ${connected.name}. To protect ${signedIn.tenant?.name ?? 'the other tenant'} instead, disconnect Microsoft 365 first, then connect again.`,
    details: null
  }
}

function describeTenant(tenant: Tenant): string {
  return tenant.domain && tenant.domain !== tenant.name ? `${tenant.name} (${tenant.domain})` : tenant.name
}
