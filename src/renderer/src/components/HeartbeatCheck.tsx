import type { HeartbeatRecord } from '../../../shared/heartbeat.ts'
import { clockTime, outcomeLabel } from '../connection-status.ts'
import { heartbeatUnderWay } from '../store/microsoft365-heartbeat-slice.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { useNow } from '../store/use-now.ts'
import { Busy } from './Feedback.tsx'

/**
 * Check now, and a live region that says when a heartbeat runs and what it found, whether Check now or
 * the schedule started it, so a screen reader hears each new result while the dialog is open.
 */
export function HeartbeatCheck({ latest, grantOffered }: { latest: HeartbeatRecord | null; grantOffered: boolean }) {
  const checking = useConsoleStore(heartbeatUnderWay)
  const checkNow = useConsoleStore((state) => state.checkNow)
  // While GRANT PERMISSIONS waits, its Cancel is the control to land on when focus is lost; after a failure, GRANT PERMISSIONS, where it is offered.
  const grantStep = useConsoleStore((state) => state.microsoft365Status?.grant.step)
  const grantWaits = grantStep === 'waitingForBrowser' || (grantStep === 'failed' && grantOffered)
  const now = useNow()
  return (
    <div className="heartbeat-check">
      <div role="status" className="heartbeat-check-status">
        {checking ? (
          <Busy>Checking the connection…</Busy>
        ) : (
          latest && (
            <span className="visually-hidden">
              Heartbeat at {clockTime(latest.at, now)}: {outcomeLabel(latest.outcome)}.
            </span>
          )
        )}
      </div>
      <button
        type="button"
        className="button"
        data-step-focus={grantWaits ? undefined : ''}
        aria-disabled={checking || undefined}
        onClick={() => !checking && void checkNow()}
      >
        Check now
      </button>
    </div>
  )
}
