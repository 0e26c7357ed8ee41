import { exactTime, relativeTime } from '../connection-status.ts'
import { useNow } from '../store/use-now.ts'

/**
 * A relative time ("5 minutes ago") whose exact instant shows on hover (the title) and on keyboard
 * focus (a tooltip drawn from the same text), and reaches screen readers as its description.
 */
export function Timestamp({ at }: { at: string }) {
  const now = useNow()
  const exact = exactTime(at)
  return (
    <time className="timestamp" dateTime={at} title={exact} data-exact={exact} tabIndex={0}>
      {relativeTime(at, now)}
    </time>
  )
}
