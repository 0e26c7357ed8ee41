import { useId, useState, type ReactNode } from 'react'
import { exactTime, relativeTime } from '../connection-status.ts'
import { useNow } from '../store/use-now.ts'

/** Marks a time whose tooltip is showing, so a dialog's Esc dismisses the tooltip first (WCAG 1.4.13). */
export const TOOLTIP_SHOWING = 'data-tooltip-showing'

/**
 * A relative time ("5 minutes ago"; or `children`, for a time to come) whose exact instant shows in a
 * tooltip on hover and on keyboard focus, and reaches screen readers as the time's description. Esc
 * hides the tooltip without moving focus, until focus or the pointer leaves.
 */
export function Timestamp({ at, children }: { at: string; children?: ReactNode }) {
  const now = useNow()
  const tooltipId = useId()
  const [focused, setFocused] = useState(false)
  const [dismissed, setDismissed] = useState(false)
  return (
    <span className="timestamp-anchor" data-dismissed={dismissed || undefined} onMouseLeave={() => setDismissed(false)}>
      <time
        className="timestamp"
        dateTime={at}
        tabIndex={0}
        aria-describedby={tooltipId}
        {...{ [TOOLTIP_SHOWING]: focused && !dismissed ? '' : undefined }}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false)
          setDismissed(false)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setDismissed(true)
        }}
      >
        {children ?? relativeTime(at, now)}
      </time>
      <span role="tooltip" id={tooltipId} className="tooltip">
        {exactTime(at)}
      </span>
    </span>
  )
}
