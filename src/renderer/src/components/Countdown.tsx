import { useEffect } from 'react'
import { timeLeft, timeLeftInWords } from '../connection-status.ts'
import { COUNTDOWN_TICK_MS, startClock } from '../store/clock-store.ts'
import { clockStore, useNow } from '../store/use-now.ts'

/** The time left until the console gives up waiting for the browser: seen by the second, heard by the minute. */
export function Countdown({ deadline, task }: { deadline: string; task: string }) {
  const now = useNow()
  // The page's clock ticks every second while a countdown shows.
  useEffect(() => startClock(clockStore, COUNTDOWN_TICK_MS), [])
  return (
    <>
      <p className="countdown">
        Time left: <span className="countdown-time">{timeLeft(deadline, now)}</span>
      </p>
      <p className="visually-hidden" role="status">
        {timeLeftInWords(deadline, now, task)}
      </p>
    </>
  )
}
