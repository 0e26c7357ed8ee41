import { useId, useRef, useState } from 'react'
import { exactTime, isConnected, isGranted, statusLabel, type ConnectedState } from '../connection-status.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { useNow } from '../store/use-now.ts'
import { Dialog } from './Dialog.tsx'
import { ActionFailureAlert, Busy, InlineFailure } from './Feedback.tsx'
import { Timestamp } from './Timestamp.tsx'
import { useFocusWhenLost } from './use-focus-when-lost.ts'

/** Microsoft 365 connection status: the status and the permissions, or (from Disconnect) the confirmation. */
export function Microsoft365StatusDialog() {
  const mode = useConsoleStore((state) => state.statusDialog)
  const close = useConsoleStore((state) => state.closeStatusDialog)
  const outcome = useConsoleStore((state) => state.disconnectOutcome)
  const waitingForBrowser = useConsoleStore((state) => state.disconnecting?.removePermissions === true)
  const bodyRef = useRef<HTMLDivElement>(null)
  useFocusWhenLost(bodyRef, outcome ? 'outcome' : waitingForBrowser ? 'waiting' : mode)
  return (
    <Dialog open={mode !== 'closed'} onOpenChange={(next) => !next && close()} title="Microsoft 365 connection status">
      <div className="dialog-body" ref={bodyRef}>
        <StatusDialogBody />
      </div>
    </Dialog>
  )
}

function StatusDialogBody() {
  const mode = useConsoleStore((state) => state.statusDialog)
  const close = useConsoleStore((state) => state.closeStatusDialog)
  const outcome = useConsoleStore((state) => state.disconnectOutcome)
  const connection = useConsoleStore((state) => state.cloudApplications?.find((app) => app.id === 'microsoft365')?.connection ?? null)
  const connected = connection && isConnected(connection) ? connection : null
  if (outcome) {
    return (
      <InlineFailure
        title={outcome.title}
        details={outcome.details}
        actions={
          <button type="button" className="button" data-step-focus onClick={close}>
            Close
          </button>
        }
      >
        <p>{outcome.fix}</p>
      </InlineFailure>
    )
  }
  if (mode === 'disconnect') return <ConfirmDisconnect connection={connected} />
  return connected ? <ConnectionStatus connection={connected} /> : <p>Microsoft 365 is not connected.</p>
}

function ConnectionStatus({ connection }: { connection: ConnectedState }) {
  const now = useNow()
  return (
    <>
      <dl className="facts facts-wide">
        <div>
          <dt>Status</dt>
          <dd>{statusLabel(connection, now)}</dd>
        </div>
        <div>
          <dt>Tenant</dt>
          <dd>
            {connection.tenant.name} ({connection.tenant.domain})
          </dd>
        </div>
        <div>
          <dt>Connected by</dt>
          <dd>{connection.account}</dd>
        </div>
        <div>
          <dt>Connected on</dt>
          <dd>
            <time dateTime={connection.connectedAt}>{exactTime(connection.connectedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Last heartbeat</dt>
          <dd>{connection.lastHeartbeatAt ? <Timestamp at={connection.lastHeartbeatAt} /> : 'Not yet'}</dd>
        </div>
      </dl>
      <PermissionList granted={connection.grantedPermissions} />
    </>
  )
}

function PermissionList({ granted }: { granted: readonly string[] }) {
  const permissions = useConsoleStore((state) => state.permissions)
  const loadError = useConsoleStore((state) => state.permissionsLoadError)
  const loadPermissions = useConsoleStore((state) => state.loadPermissions)
  return (
    <section className="dialog-section" aria-labelledby="m365-permissions">
      <h3 id="m365-permissions">Permissions</h3>
      {loadError ? (
        <InlineFailure
          title="The permission list could not be loaded."
          actions={
            <button type="button" className="button" onClick={() => void loadPermissions()}>
              TRY AGAIN
            </button>
          }
        >
          <p>{loadError}</p>
        </InlineFailure>
      ) : permissions === null ? (
        <p className="muted">Loading permissions…</p>
      ) : (
        <ul className="permission-list" aria-label="Permissions">
          {permissions.permissions.map((permission) => {
            const has = isGranted(permission.name, granted)
            return (
              <li key={`${permission.resource}/${permission.name}`} className="permission">
                <div className="permission-text">
                  <span className="permission-name">{permission.name}</span>
                  <span className="muted small">{permission.resource}</span>
                  <span className="permission-purpose">{permission.purpose}</span>
                </div>
                <span className={`badge ${has ? 'badge-ok' : 'badge-missing'}`}>{has ? 'Granted' : 'Missing'}</span>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

function ConfirmDisconnect({ connection }: { connection: ConnectedState | null }) {
  const disconnecting = useConsoleStore((state) => state.disconnecting)
  const cancellingSignIn = useConsoleStore((state) => state.cancellingSignIn)
  const failure = useConsoleStore((state) => state.disconnectFailure)
  const disconnect = useConsoleStore((state) => state.disconnect)
  const cancelSignIn = useConsoleStore((state) => state.cancelDisconnectSignIn)
  const close = useConsoleStore((state) => state.closeStatusDialog)
  const [removePermissions, setRemovePermissions] = useState(false)
  const noteId = useId()
  const checkboxId = useId()
  const waitingForBrowser = disconnecting?.removePermissions === true
  return (
    <section className="dialog-section confirm" aria-labelledby="m365-disconnect-question">
      <h3 id="m365-disconnect-question" className="confirm-question">
        Disconnect Microsoft 365 from protection?
      </h3>
      <p>
        The console forgets its sign-in{connection ? ` to ${connection.tenant.name}` : ''} and stops watching the connection. An entry stays in the
        activity history.
      </p>
      <div className="checkbox-field">
        <input
          id={checkboxId}
          type="checkbox"
          checked={removePermissions}
          disabled={disconnecting !== null}
          aria-describedby={noteId}
          onChange={(event) => setRemovePermissions(event.target.checked)}
        />
        <div>
          <label htmlFor={checkboxId}>Also remove the console’s permissions from the tenant</label>
          <p id={noteId} className="muted small">
            Microsoft will ask you to sign in and approve one more permission, which the console uses only to remove its permissions.
          </p>
        </div>
      </div>
      <div role="status">
        {disconnecting && (waitingForBrowser ? <Busy>Waiting for you to sign in and accept in your browser…</Busy> : <Busy>Disconnecting…</Busy>)}
      </div>
      <ActionFailureAlert failure={failure} />
      <div className="dialog-actions">
        {waitingForBrowser ? (
          // The disconnect goes on either way: this only gives up removing the permissions.
          <button type="button" className="button" data-step-focus aria-disabled={cancellingSignIn || undefined} onClick={() => !cancellingSignIn && void cancelSignIn()}>
            Skip removing permissions
          </button>
        ) : (
          <>
            <button type="button" className="button" disabled={disconnecting !== null} onClick={close}>
              CANCEL
            </button>
            <button
              type="button"
              className="button button-danger"
              aria-disabled={disconnecting !== null || undefined}
              onClick={() => disconnecting === null && void disconnect(removePermissions)}
            >
              YES, DISCONNECT
            </button>
          </>
        )}
      </div>
    </section>
  )
}
