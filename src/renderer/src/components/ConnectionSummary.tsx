import type { HeartbeatRecord } from '../../../shared/heartbeat.ts'
import { exactTime, statusLine, type ConnectedState } from '../connection-status.ts'
import { nextHeartbeatLabel } from '../heartbeat-words.ts'
import { grantOffered } from '../permission-rows.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { useNow } from '../store/use-now.ts'
import { HeartbeatCheck } from './HeartbeatCheck.tsx'
import { Timestamp } from './Timestamp.tsx'

/** The status, the tenant, and when the heartbeat last ran and runs next, with Check now beside them. */
export function ConnectionSummary({ connection, latest }: { connection: ConnectedState; latest: HeartbeatRecord | null }) {
  const now = useNow()
  const next = useConsoleStore((state) => state.microsoft365Status?.nextHeartbeatAt ?? null)
  return (
    <div className="status-summary">
      <div className="status-headline">
        <p className={`status-line status-${connection.status}`}>
          <span className="status-dot" aria-hidden="true" />
          <span className="visually-hidden">Status: </span>
          {statusLine(connection, now)}
        </p>
        <HeartbeatCheck latest={latest} grantOffered={grantOffered(connection)} />
      </div>
      <dl className="facts facts-wide">
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
        <div>
          <dt>Next heartbeat</dt>
          <dd>{next ? <Timestamp at={next}>{nextHeartbeatLabel(next, now)}</Timestamp> : 'Not scheduled'}</dd>
        </div>
      </dl>
    </div>
  )
}
