import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import { useRef } from 'react'
import type { CloudApplication } from '../../../shared/cloud-applications.ts'
import { isConnected, statusLine } from '../connection-status.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { useNow } from '../store/use-now.ts'
import { Microsoft365Logo, MoreIcon } from './icons.tsx'
import { Timestamp } from './Timestamp.tsx'

export function CloudApplicationTile({ application }: { application: CloudApplication }) {
  const openConnectDialog = useConsoleStore((state) => state.openConnectDialog)
  const openStatusDialog = useConsoleStore((state) => state.openStatusDialog)
  const reconnect = useConsoleStore((state) => state.reconnect)
  const now = useNow()
  const { connection } = application
  const titleId = `tile-${application.id}-title`
  const statusHintId = `tile-${application.id}-status-hint`
  const line = statusLine(connection, now)
  return (
    <article className="tile" aria-labelledby={titleId}>
      <div className="tile-head">
        <Microsoft365Logo />
        <div className="tile-heading">
          <h2 id={titleId} className="tile-title">
            {application.name}
          </h2>
          {isConnected(connection) && (
            <p className="tile-tenant">
              {connection.tenant.name} · {connection.tenant.domain}
            </p>
          )}
        </div>
        <TileMenu application={application} />
      </div>
      <p className={`tile-status status-${connection.status}`} role="status" aria-label={`${application.name} status`}>
        <span className="status-dot" aria-hidden="true" />
        {isConnected(connection) ? (
          <button
            id={`tile-${application.id}-status-link`}
            type="button"
            className="link-button status-link"
            aria-haspopup="dialog"
            aria-describedby={statusHintId}
            onClick={() => openStatusDialog('status')}
          >
            {line}
          </button>
        ) : (
          line
        )}
      </p>
      {isConnected(connection) && (
        <span id={statusHintId} hidden>
          Opens Microsoft 365 connection status
        </span>
      )}
      {isConnected(connection) && (
        <p className="tile-meta">
          <span>Last heartbeat</span> {connection.lastHeartbeatAt ? <Timestamp at={connection.lastHeartbeatAt} /> : <span>not yet</span>}
        </p>
      )}
      {connection.status === 'notConnected' && (
        <div className="tile-actions">
          <button
            type="button"
            className="button button-primary"
            aria-describedby={titleId}
            onClick={() => openConnectDialog('microsoft365')}
          >
            CONNECT
          </button>
        </div>
      )}
      {connection.status === 'reconnectRequired' && (
        <div className="tile-actions">
          <button type="button" className="button button-primary" aria-describedby={titleId} aria-haspopup="dialog" onClick={reconnect}>
            RECONNECT
          </button>
        </div>
      )}
    </article>
  )
}

/**
 * The three-dot menu. A dialog opened from a menu item must wait for the menu to hand focus back to
 * its button: then the dialog remembers that button, and gives focus back to it when it closes.
 */
function TileMenu({ application }: { application: CloudApplication }) {
  const openConnectDialog = useConsoleStore((state) => state.openConnectDialog)
  const openStatusDialog = useConsoleStore((state) => state.openStatusDialog)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const afterClose = useRef<(() => void) | null>(null)
  const connected = isConnected(application.connection)
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <button
          data-tile-menu={application.id}
          ref={triggerRef}
          type="button"
          className="icon-button tile-menu-button"
          aria-label={`More actions for ${application.name}`}
        >
          <MoreIcon />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="menu"
          align="end"
          sideOffset={4}
          onCloseAutoFocus={(event) => {
            event.preventDefault()
            triggerRef.current?.focus()
            const open = afterClose.current
            afterClose.current = null
            open?.()
          }}
        >
          {connected ? (
            <>
              <DropdownMenu.Item className="menu-item" onSelect={() => (afterClose.current = () => openStatusDialog('status'))}>
                Connection status
              </DropdownMenu.Item>
              <DropdownMenu.Item className="menu-item menu-item-danger" onSelect={() => (afterClose.current = () => openStatusDialog('disconnect'))}>
                Disconnect
              </DropdownMenu.Item>
            </>
          ) : (
            <>
              <DropdownMenu.Item className="menu-item" onSelect={() => (afterClose.current = () => openConnectDialog('microsoft365'))}>
                Connect
              </DropdownMenu.Item>
              <DropdownMenu.Item className="menu-item" disabled>
                Disconnect
              </DropdownMenu.Item>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}
