import type { HeartbeatRecord } from '../../../shared/heartbeat.ts'
import type { ConnectedState } from '../connection-status.ts'
import { problemWords } from '../heartbeat-words.ts'
import { problemRecord } from '../problem-record.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { MicrosoftDetailsDisclosure } from './Feedback.tsx'
import { WarningIcon } from './icons.tsx'

/**
 * Anything but Connected: what the heartbeat that set the status found, what to do, and Microsoft's
 * details for support. `recentHeartbeats` is newest first.
 */
export function ConnectionProblem({ connection, recentHeartbeats }: { connection: ConnectedState; recentHeartbeats: readonly HeartbeatRecord[] }) {
  const reconnect = useConsoleStore((state) => state.reconnect)
  const grantedSince = useConsoleStore((state) => state.microsoft365Status?.grant.step === 'granted')
  if (connection.status === 'connected') return null
  // The title follows the status, so the reason must come from a heartbeat that found that status.
  const found = problemRecord(connection, recentHeartbeats)
  const { title, advice } = problemWords(connection, found?.cause ?? null, grantedSince)
  return (
    <div className={`callout callout-${connection.status}`}>
      <WarningIcon />
      <div className="callout-body">
        <strong>{title}</strong>
        {found?.reason && <p>{found.reason}</p>}
        {/* Main's reason already says what to do; the advice stands in when there is none, or adds news of a grant. */}
        {(!found?.reason || grantedSince) && <p>{advice}</p>}
        <MicrosoftDetailsDisclosure details={found?.details} />
        {connection.status === 'reconnectRequired' && (
          <div className="inline-actions">
            <button type="button" className="button button-primary" aria-haspopup="dialog" onClick={reconnect}>
              RECONNECT
            </button>
          </div>
        )}
      </div>
    </div>
  )
}
