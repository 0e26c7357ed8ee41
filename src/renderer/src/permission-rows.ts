import type { Microsoft365Status } from '../../shared/heartbeat.ts'
import type { ManifestPermission, PermissionManifestView } from '../../shared/microsoft-365.ts'
import { isGranted, type ConnectedState } from './connection-status.ts'

/** One row of the status dialog's permission list. */
export interface PermissionRow extends ManifestPermission {
  state: 'granted' | 'missing'
  /** Granted by GRANT PERMISSIONS just now; the next heartbeat reads it from the tenant. */
  justGranted: boolean
}

/**
 * The permission list as the admin should see it: what the last heartbeat read, with what GRANT
 * PERMISSIONS has granted since shown as granted. Without the status (it could not be loaded), the
 * manifest against the connection's stored grant.
 */
export function permissionRows(
  status: Microsoft365Status | null,
  manifest: PermissionManifestView | null,
  storedGrant: readonly string[]
): PermissionRow[] | null {
  if (status) {
    const justGranted = status.grant.step === 'granted' ? status.grant.permissions : []
    return status.permissions.map(({ state, ...permission }) => {
      const fresh = state === 'missing' && isGranted(permission.name, justGranted)
      return { ...permission, state: fresh ? 'granted' : state, justGranted: fresh }
    })
  }
  if (!manifest) return null
  return manifest.permissions.map((permission) => ({
    ...permission,
    state: isGranted(permission.name, storedGrant) ? 'granted' : 'missing',
    justGranted: false
  }))
}

export function missingPermissions(rows: readonly PermissionRow[]): PermissionRow[] {
  return rows.filter((row) => row.state === 'missing')
}

/**
 * Whether the status dialog offers GRANT PERMISSIONS. Not while a reconnect is required: the sign-in no
 * longer works (with revoked consent every row shows Missing), and RECONNECT, where the admin accepts
 * the permissions for the organisation again, is the one way on.
 */
export function grantOffered(connection: Pick<ConnectedState, 'status'>): boolean {
  return connection.status !== 'reconnectRequired'
}
