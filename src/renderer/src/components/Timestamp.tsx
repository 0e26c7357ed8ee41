import { useId, type ReactNode } from 'react'
import { exactTime, relativeTime } from '../connection-status.ts'
import { useNow } from '../store/use-now.ts'

/**
 * A relative time ("5 minutes ago"; or `children`, for a time to come) whose exact instant shows in a
 * tooltip on hover and on keyboard focus, and reaches screen readers as the time's description.
 */
export function Timestamp({ at, children }: { at: string; children?: ReactNode }) {
  const now = useNow()
  const tooltipId = useId()
  return (
    <span className="timestamp-anchor">
      <time className="timestamp" dateTime={at} tabIndex={0} aria-describedby={tooltipId}>
        {children ?? relativeTime(at, now)}
      </time>
      <span role="tooltip" id={tooltipId} className="tooltip">
        {exactTime(at)}
      </span>
    </span>
  )
}
