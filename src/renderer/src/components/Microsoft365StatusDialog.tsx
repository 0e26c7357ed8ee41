import { useRef } from 'react'
import { isConnected } from '../connection-status.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { ConfirmDisconnect } from './ConfirmDisconnect.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { Dialog } from './Dialog.tsx'
import { InlineFailure } from './Feedback.tsx'
import { useFocusWhenLost } from './use-focus-when-lost.ts'

/** Opened from a notification, the dialog has no button of its own to go back to: the tile's status link takes focus. */
const tileControl = () =>
  document.getElementById('tile-microsoft365-status-link') ?? document.querySelector<HTMLElement>('[data-tile-menu="microsoft365"]')

/** Microsoft 365 connection status: the status, the permissions and the heartbeats, or (from Disconnect) the confirmation. */
export function Microsoft365StatusDialog() {
  const mode = useConsoleStore((state) => state.statusDialog)
  const close = useConsoleStore((state) => state.closeStatusDialog)
  const outcome = useConsoleStore((state) => state.disconnectOutcome)
  const waitingForBrowser = useConsoleStore((state) => state.disconnecting?.removePermissions === true)
  const grantStep = useConsoleStore((state) => state.microsoft365Status?.grant.step ?? 'idle')
  const bodyRef = useRef<HTMLDivElement>(null)
  useFocusWhenLost(bodyRef, outcome ? 'outcome' : waitingForBrowser ? 'waiting' : `${mode}:${grantStep}`)
  return (
    <Dialog
      open={mode !== 'closed'}
      onOpenChange={(next) => !next && close()}
      title="Microsoft 365 connection status"
      size={mode === 'status' && !outcome ? 'wide' : 'normal'}
      returnFocus={tileControl}
    >
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
