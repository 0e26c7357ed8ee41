import type { PermissionGrant } from '../../../shared/heartbeat.ts'
import type { PermissionRow } from '../permission-rows.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { Countdown } from './Countdown.tsx'
import { Busy, InlineFailure } from './Feedback.tsx'
import { CheckIcon } from './icons.tsx'

/** The exact words the manual gives for after a grant. */
export const GRANT_TAKES_EFFECT = 'The changes take effect at the next heartbeat.'

const RECONNECT_FIRST = 'RECONNECT above comes first: the console cannot ask for permissions until it can sign in again.'

/**
 * GRANT PERMISSIONS, while any permission is missing: Microsoft's admin consent in the browser, the wait
 * for it with the time left and Cancel, then what was granted, or what went wrong and what to do.
 * `awaitingHeartbeat` says that a granted permission has not been read by a heartbeat yet; once it
 * has, the note about the next heartbeat has done its work and goes. Without `offered` (a reconnect
 * is required) it offers no GRANT PERMISSIONS, but still lets a grant under way finish or be cancelled.
 */
export function PermissionGrantSection({
  missing,
  awaitingHeartbeat,
  grant,
  offered
}: {
  missing: readonly PermissionRow[]
  awaitingHeartbeat: boolean
  grant: PermissionGrant
  offered: boolean
}) {
  const pending = useConsoleStore((state) => state.grantPending)
  const opening = pending === 'start' && grant.step !== 'waitingForBrowser'
  const missingNow = (grant.step === 'idle' || grant.step === 'granted') && missing.length > 0 && !opening
  return (
    <div className="grant" data-step={opening ? 'opening' : grant.step}>
      {/* Mounted in every state, so each change of step is read out. */}
      <div role="status" className="grant-status">
        {opening && <Busy>Opening your browser…</Busy>}
        {grant.step === 'waitingForBrowser' && <Busy>Waiting for you to accept in your browser…</Busy>}
        {grant.step === 'granted' && awaitingHeartbeat && <GrantedNote permissions={grant.permissions} />}
      </div>
      {grant.step === 'waitingForBrowser' && <WaitingForConsent deadline={grant.deadline} />}
      {grant.step === 'failed' && (
        <InlineFailure title={grant.title} details={grant.details} actions={offered && missing.length > 0 && <GrantButton takesFocus />}>
          {/* Main's fix says to try GRANT PERMISSIONS again, which is not on offer until the reconnect. */}
          <p>{offered ? grant.fix : RECONNECT_FIRST}</p>
        </InlineFailure>
      )}
      {missingNow && !offered && <p className="muted">{RECONNECT_FIRST}</p>}
      {missingNow && offered && (
        <div className="grant-offer">
          <p>
            {missing.length === 1 ? 'One permission is missing.' : `${missing.length} permissions are missing.`} GRANT PERMISSIONS opens Microsoft’s
            consent page in your browser: sign in as a Global Administrator and accept.
          </p>
          <GrantButton />
        </div>
      )}
    </div>
  )
}

function GrantButton({ takesFocus = false }: { takesFocus?: boolean }) {
  const grantPermissions = useConsoleStore((state) => state.grantPermissions)
  const starting = useConsoleStore((state) => state.grantPending === 'start')
  return (
    <button
      type="button"
      className="button button-primary"
      data-step-focus={takesFocus ? '' : undefined}
      aria-disabled={starting || undefined}
      onClick={() => !starting && void grantPermissions()}
    >
      GRANT PERMISSIONS
    </button>
  )
}

function WaitingForConsent({ deadline }: { deadline: string }) {
  const cancelGrant = useConsoleStore((state) => state.cancelGrant)
  const cancelling = useConsoleStore((state) => state.grantPending === 'cancel')
  return (
    <div className="grant-waiting">
      <Countdown deadline={deadline} task="to accept" />
      <button type="button" className="button" data-step-focus aria-disabled={cancelling || undefined} onClick={() => !cancelling && void cancelGrant()}>
        Cancel
      </button>
    </div>
  )
}

function GrantedNote({ permissions }: { permissions: readonly string[] }) {
  return (
    <div className="grant-granted">
      <CheckIcon width={18} height={18} />
      <div>
        <p>
          Microsoft granted {permissions.length === 1 ? 'the permission' : 'the permissions'} {permissions.join(', ')}.
        </p>
        <p className="muted">{GRANT_TAKES_EFFECT}</p>
        <p className="muted small">Check now runs it at once.</p>
      </div>
    </div>
  )
}
