import type { ReactNode } from 'react'
import type { Notice } from '../../../shared/notices.ts'
import { clockTime, exactTime } from '../connection-status.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { useNow } from '../store/use-now.ts'
import { CloseIcon, OfflineIcon, WarningIcon } from './icons.tsx'

/**
 * A time of day, with the exact instant on hover. Clock times rather than "5 minutes ago": a notice is
 * a live region, and a relative time would have it speak up every minute.
 */
function At({ iso, now }: { iso: string; now: Date }) {
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {clockTime(iso, now)}
    </time>
  )
}

/** A notice in words: its message, a smaller line with the particulars, and a short name for its dismiss button. */
function noticeText(notice: Notice, now: Date): { title: string; body: ReactNode; name: string } {
  switch (notice.kind) {
    case 'stateRecovered':
      return {
        title: 'Saved console data could not be read',
        body: `The console started with empty settings and kept the unreadable file as ${notice.backupFile} for support.`,
        name: 'Saved console data could not be read'
      }
    case 'keychainUnavailable':
      return {
        title: 'The system keychain is unavailable, so the sign-in is kept for this session only. After a restart you will need to connect again.',
        body: notice.reason,
        name: 'The system keychain is unavailable'
      }
    case 'offline':
      return {
        title: 'You are offline. The console shows what it stored at the last heartbeat.',
        body: (
          <>
            {notice.lastHeartbeatAt ? (
              <>
                Last heartbeat at <At iso={notice.lastHeartbeatAt} now={now} />.
              </>
            ) : (
              'No heartbeat has been stored yet.'
            )}{' '}
            Offline since <At iso={notice.since} now={now} />. The console checks again when the network returns.
          </>
        ),
        name: 'You are offline'
      }
  }
}

export function NoticeArea() {
  const notices = useConsoleStore((state) => state.notices)
  const dismissNotice = useConsoleStore((state) => state.dismissNotice)
  const actionFailure = useConsoleStore((state) => state.actionFailure)
  const clearActionFailure = useConsoleStore((state) => state.clearActionFailure)
  const now = useNow()
  if (notices.length === 0 && !actionFailure) return null
  return (
    <div className="notice-area" role="region" aria-label="Notices">
      {actionFailure && (
        <div className="notice notice-failure" role="alert">
          <WarningIcon />
          <div>
            <strong>{actionFailure.what}</strong>
            <p>{actionFailure.why}</p>
          </div>
          <button type="button" className="icon-button" aria-label={`Dismiss: ${actionFailure.what}`} onClick={clearActionFailure}>
            <CloseIcon />
          </button>
        </div>
      )}
      {notices.map((notice) => {
        const { title, body, name } = noticeText(notice, now)
        return (
          <div className={`notice notice-${notice.kind}`} role="status" key={notice.id}>
            {notice.kind === 'offline' ? <OfflineIcon /> : <WarningIcon />}
            <div>
              <strong>{title}</strong>
              <p className="small">{body}</p>
            </div>
            <button type="button" className="icon-button" aria-label={`Dismiss: ${name}`} onClick={() => void dismissNotice(notice.id)}>
              <CloseIcon />
            </button>
          </div>
        )
      })}
    </div>
  )
}
