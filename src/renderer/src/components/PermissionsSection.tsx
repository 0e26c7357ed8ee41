import type { ConnectedState } from '../connection-status.ts'
import { grantOffered, missingPermissions, permissionRows } from '../permission-rows.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { InlineFailure } from './Feedback.tsx'
import { PermissionGrantSection } from './PermissionGrantSection.tsx'
import { PermissionList } from './PermissionList.tsx'

/** The permissions, each Granted or Missing, and GRANT PERMISSIONS while any is missing and the console can still sign in. */
export function PermissionsSection({ connection }: { connection: ConnectedState }) {
  const status = useConsoleStore((state) => state.microsoft365Status)
  const manifest = useConsoleStore((state) => state.permissions)
  const manifestError = useConsoleStore((state) => state.permissionsLoadError)
  const statusError = useConsoleStore((state) => state.microsoft365StatusLoadError)
  const loadPermissions = useConsoleStore((state) => state.loadPermissions)
  const loadStatus = useConsoleStore((state) => state.loadMicrosoft365Status)
  const rows = permissionRows(status, manifest, connection.grantedPermissions)
  return (
    <section className="dialog-section" aria-labelledby="m365-permissions">
      <h3 id="m365-permissions">Permissions</h3>
      {rows ? (
        <>
          <PermissionList rows={rows} labelledBy="m365-permissions" />
          {status && (
            <PermissionGrantSection
              missing={missingPermissions(rows)}
              awaitingHeartbeat={rows.some((row) => row.justGranted)}
              grant={status.grant}
              offered={grantOffered(connection)}
            />
          )}
        </>
      ) : manifestError ? (
        <InlineFailure
          title="The permission list could not be loaded."
          actions={
            <button type="button" className="button" onClick={() => void Promise.all([loadStatus(), loadPermissions()])}>
              TRY AGAIN
            </button>
          }
        >
          <p>{statusError ?? manifestError}</p>
        </InlineFailure>
      ) : (
        <p className="muted">Loading permissions…</p>
      )}
    </section>
  )
}
