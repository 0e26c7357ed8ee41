import { useConsoleStore } from '../store/use-console-store.ts'
import { Dialog } from './Dialog.tsx'
import { ChevronRightIcon, Microsoft365Logo } from './icons.tsx'

export function ConnectCloudApplicationsDialog() {
  const open = useConsoleStore((state) => state.connectDialog === 'chooser')
  const close = useConsoleStore((state) => state.closeConnectDialog)
  const openConnectDialog = useConsoleStore((state) => state.openConnectDialog)
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && close()}
      title="Connect cloud applications"
      description="Choose the application to connect for protection."
    >
      <ul className="choice-list">
        <li>
          <button type="button" className="choice" onClick={() => openConnectDialog('microsoft365')}>
            <Microsoft365Logo size={36} />
            <span className="choice-text">
              <span className="choice-title">Microsoft 365</span>
              <span className="choice-description">Exchange Online, SharePoint, OneDrive and Teams</span>
            </span>
            <ChevronRightIcon />
          </button>
        </li>
      </ul>
    </Dialog>
  )
}
