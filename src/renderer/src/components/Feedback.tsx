import type { ReactNode } from 'react'
import type { MicrosoftDetails } from '../../../shared/microsoft-365.ts'
import type { ActionFailure } from '../store/store-kit.ts'
import { exactTime } from '../connection-status.ts'
import { WarningIcon } from './icons.tsx'

/**
 * Work under way: a spinner and what the console is doing. It carries no live role itself: put it in
 * a `role="status"` region that stays mounted, since a region that appears with its text is not read.
 */
export function Busy({ children }: { children: ReactNode }) {
  return (
    <span className="progress">
      <span className="spinner" aria-hidden="true" />
      <span>{children}</span>
    </span>
  )
}

/** Microsoft's error code and request-id, for support, under a "Details" disclosure. */
export function MicrosoftDetailsDisclosure({ details }: { details: MicrosoftDetails | null | undefined }) {
  if (!details || (!details.code && !details.requestId && !details.at)) return null
  return (
    <details className="details">
      <summary>Details</summary>
      <dl className="details-list">
        {details.code && (
          <div>
            <dt>Error code</dt>
            <dd>{details.code}</dd>
          </div>
        )}
        {details.requestId && (
          <div>
            <dt>Request ID</dt>
            <dd>{details.requestId}</dd>
          </div>
        )}
        {details.at && (
          <div>
            <dt>Time</dt>
            <dd>
              <time dateTime={details.at}>{exactTime(details.at)}</time>
            </dd>
          </div>
        )}
      </dl>
    </details>
  )
}

/** A failure inside a dialog or page: what did not happen and what to do, announced at once. */
export function InlineFailure({
  title,
  children,
  details,
  actions
}: {
  title: string
  children?: ReactNode
  details?: MicrosoftDetails | null
  actions?: ReactNode
}) {
  return (
    <div className="inline-failure" role="alert">
      <WarningIcon />
      <div className="inline-failure-body">
        <strong>{title}</strong>
        {children}
        <MicrosoftDetailsDisclosure details={details} />
        {actions && <div className="inline-actions">{actions}</div>}
      </div>
    </div>
  )
}

export function ActionFailureAlert({ failure }: { failure: ActionFailure | null }) {
  if (!failure) return null
  return (
    <InlineFailure title={failure.what}>
      <p>{failure.why}</p>
    </InlineFailure>
  )
}
