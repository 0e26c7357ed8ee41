import type { Notice } from '../../../shared/notices.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { CloseIcon, WarningIcon } from './icons.tsx'

/** A notice in words: its message, a smaller line with the particulars, and a short name for its dismiss button. */
function noticeText(notice: Notice): { title: string; body: string; name: string } {
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
        title: 'You are offline. The console shows the last heartbeat it stored.',
        body: notice.lastHeartbeatAt ? `Last heartbeat: ${new Date(notice.lastHeartbeatAt).toLocaleString()}.` : 'No heartbeat has been stored yet.',
        name: 'You are offline'
      }
  }
}

export function NoticeArea() {
  const notices = useConsoleStore((state) => state.notices)
  const dismissNotice = useConsoleStore((state) => state.dismissNotice)
  const actionFailure = useConsoleStore((state) => state.actionFailure)
  const clearActionFailure = useConsoleStore((state) => state.clearActionFailure)
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
        const { title, body, name } = noticeText(notice)
        return (
          <div className="notice" role="status" key={notice.id}>
            <WarningIcon />
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
