import { clockTime, exactTime } from '../connection-status.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { useNow } from '../store/use-now.ts'

/** How many entries the Cloud Applications page shows; the history keeps more. */
export const RECENT_ACTIVITY = 10

/** What happened to the connections lately, newest first (the store keeps them in that order). */
export function ActivitySection() {
  const activity = useConsoleStore((state) => state.activity)
  const loadError = useConsoleStore((state) => state.activityLoadError)
  const now = useNow()
  return (
    <section className="activity" aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      {activity === null ? (
        <p className="muted">{loadError ? `The activity history could not be loaded: ${loadError}` : 'Loading activity…'}</p>
      ) : activity.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="activity-list" aria-label="Recent activity">
          {activity.slice(0, RECENT_ACTIVITY).map((entry) => (
            <li key={entry.id} className={`activity-entry activity-${entry.kind}`}>
              <time dateTime={entry.at} title={exactTime(entry.at)}>
                {clockTime(entry.at, now)}
              </time>
              <span>{entry.summary}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
