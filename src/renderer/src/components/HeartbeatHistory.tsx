import { RECENT_HEARTBEATS_SHOWN } from '../../../shared/heartbeat.ts'
import { clockTime, exactTime, outcomeLabel } from '../connection-status.ts'
import { durationLabel, triggerLabel } from '../heartbeat-words.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { useNow } from '../store/use-now.ts'

/** Recent heartbeats, newest first: when, what it found (and why it ran), and how long it took. */
export function HeartbeatHistory() {
  const records = useConsoleStore((state) => state.microsoft365Status?.recentHeartbeats ?? null)
  const loadError = useConsoleStore((state) => state.microsoft365StatusLoadError)
  const now = useNow()
  return (
    <section className="dialog-section" aria-labelledby="m365-heartbeats">
      <h3 id="m365-heartbeats">Recent heartbeats</h3>
      {records === null ? (
        <p className="muted">{loadError ? `The heartbeat history could not be loaded: ${loadError}` : 'Loading the heartbeat history…'}</p>
      ) : records.length === 0 ? (
        <p className="muted">No heartbeat yet.</p>
      ) : (
        <table className="heartbeat-table" aria-labelledby="m365-heartbeats">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Result</th>
              <th scope="col" className="numeric">
                Duration
              </th>
            </tr>
          </thead>
          <tbody>
            {records.slice(0, RECENT_HEARTBEATS_SHOWN).map((record) => (
              <tr key={record.id}>
                <td>
                  <time dateTime={record.at} title={exactTime(record.at)}>
                    {clockTime(record.at, now)}
                  </time>
                </td>
                <td>
                  <span className={`result result-${record.outcome}`}>
                    <span className="status-dot" aria-hidden="true" />
                    {outcomeLabel(record.outcome)}
                  </span>
                  <span className="muted small"> · {triggerLabel(record.trigger)}</span>
                </td>
                <td className="numeric">{durationLabel(record.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
