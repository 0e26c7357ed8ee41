import { useId, useState } from 'react'
import type { ConnectedState } from '../connection-status.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { ActionFailureAlert, Busy } from './Feedback.tsx'

/** Reached from the three-dot menu's Disconnect: the manual's question, YES, DISCONNECT and CANCEL. */
export function ConfirmDisconnect({ connection }: { connection: ConnectedState | null }) {
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
