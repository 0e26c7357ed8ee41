import type { CloudApplication } from '../../../shared/cloud-applications.ts'
import { relativeTime, statusLabel } from '../connection-status.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { useNow } from '../store/use-now.ts'
import { Microsoft365Logo } from './icons.tsx'

export function CloudApplicationTile({ application }: { application: CloudApplication }) {
  const openConnectDialog = useConsoleStore((state) => state.openConnectDialog)
  const now = useNow()
  const { connection } = application
  const titleId = `tile-${application.id}-title`
  return (
    <article className="tile" aria-labelledby={titleId}>
      <div className="tile-head">
        <Microsoft365Logo />
        <div>
          <h2 id={titleId} className="tile-title">
            {application.name}
          </h2>
          {connection.status !== 'notConnected' && (
            <p className="tile-tenant">
              {connection.tenant.name} · {connection.tenant.domain}
            </p>
          )}
        </div>
      </div>
      <p className={`tile-status status-${connection.status}`} role="status" aria-label={`${application.name} status`}>
        <span className="status-dot" aria-hidden="true" />
        {statusLabel(connection, now)}
      </p>
      {connection.status !== 'notConnected' && connection.lastHeartbeatAt && (
        <p className="tile-meta">
          Last heartbeat{' '}
          <time dateTime={connection.lastHeartbeatAt} title={new Date(connection.lastHeartbeatAt).toLocaleString()}>
            {relativeTime(connection.lastHeartbeatAt, now)}
          </time>
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
    </article>
  )
}
