import { useRef } from 'react'
import type { CloudApplication, Tenant } from '../../../shared/cloud-applications.ts'
import type { ConnectFlow } from '../../../shared/microsoft-365.ts'
import { isConnected } from '../connection-status.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { AuditLogStep } from './AuditLogStep.tsx'
import { Countdown } from './Countdown.tsx'
import { Dialog } from './Dialog.tsx'
import { ExternalLink } from './ExternalLink.tsx'
import { ActionFailureAlert, Busy, InlineFailure } from './Feedback.tsx'
import { CheckIcon } from './icons.tsx'
import { useFocusWhenLost } from './use-focus-when-lost.ts'

const idle: ConnectFlow = { step: 'idle' }

/** The stored tenant when the connection needs a reconnect: Step 1 then signs in to it again. */
function reconnectingTo(applications: readonly CloudApplication[] | null): Tenant | null {
  const connection = applications?.find((app) => app.id === 'microsoft365')?.connection
  return connection?.status === 'reconnectRequired' ? connection.tenant : null
}

/** After a connect, the tile's CONNECT is gone: its status link (or its menu) takes focus instead. */
const tileControl = () =>
  document.getElementById('tile-microsoft365-status-link') ?? document.querySelector<HTMLElement>('[data-tile-menu="microsoft365"]')

export function ConnectMicrosoft365Dialog() {
  const open = useConsoleStore((state) => state.connectDialog === 'microsoft365')
  const close = useConsoleStore((state) => state.closeConnectDialog)
  const flow = useConsoleStore((state) => state.connectFlow) ?? idle
  const connectFailure = useConsoleStore((state) => state.connectFailure)
  const reconnecting = useConsoleStore((state) => reconnectingTo(state.cloudApplications))
  const stepsRef = useRef<HTMLOListElement>(null)

  useFocusWhenLost(stepsRef, flow.step)

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && close()}
      title="Connect to Microsoft 365"
      description={
        reconnecting
          ? `Reconnect to ${reconnecting.name} (${reconnecting.domain}): sign in again with an admin account of that tenant. The connection’s heartbeat history is kept.`
          : undefined
      }
      returnFocus={tileControl}
    >
      <section className="dialog-section" aria-labelledby="m365-prerequisites">
        <h3 id="m365-prerequisites">Prerequisites</h3>
        <ul className="checklist">
          <li>A Microsoft 365 “Business Basic” subscription or higher</li>
          <li>Full administrator access (Global Administrator)</li>
        </ul>
        <p className="muted small">
          Not sure which subscription you have? Check{' '}
          <ExternalLink href="https://admin.microsoft.com/Adminportal/Home#/subscriptions">
            Your products in the Microsoft 365 admin center
          </ExternalLink>
          .
        </p>
      </section>
      <ol className="steps" ref={stepsRef}>
        <SignInStep flow={flow} />
        <AuditLogStep flow={flow} />
      </ol>
      {flow.step !== 'auditLog' && <ActionFailureAlert failure={connectFailure} />}
    </Dialog>
  )
}

function SignInStep({ flow }: { flow: ConnectFlow }) {
  const pending = useConsoleStore((state) => state.connectPending)
  const busy = flow.step === 'waitingForBrowser' || flow.step === 'checkingPrerequisites' || pending === 'start'
  const done = flow.step === 'auditLog'
  return (
    <li className={`step${done ? ' step-done' : ''}`} aria-labelledby="m365-step-1" aria-busy={busy}>
      <span className="step-number" aria-hidden="true">
        {done ? <CheckIcon width={16} height={16} /> : 1}
      </span>
      <div className="step-body">
        <h3 id="m365-step-1">Step 1</h3>
        <p>Sign in to Microsoft 365 with an admin account and accept the console’s request for permissions.</p>
        {/* Mounted in every state, so each change of step is read out. */}
        <div className="step-status" role="status">
          {pending === 'start' && flow.step === 'idle' && <Busy>Opening your browser…</Busy>}
          {flow.step === 'waitingForBrowser' && <Busy>Waiting for you to sign in and accept in your browser…</Busy>}
          {flow.step === 'checkingPrerequisites' && <Busy>Checking prerequisites…</Busy>}
          {flow.step === 'auditLog' && (
            <span className="step-complete">
              <CheckIcon width={16} height={16} />
              Signed in as {flow.account}. The prerequisites are met.
            </span>
          )}
        </div>
        {flow.step === 'idle' && <ConnectControls />}
        {flow.step === 'waitingForBrowser' && <WaitingForBrowser deadline={flow.deadline} />}
        {flow.step === 'checkingPrerequisites' && <CancelConnect />}
        {flow.step === 'failed' && <ConnectFailed failure={flow.failure} />}
      </div>
    </li>
  )
}

function ConnectControls() {
  const pending = useConsoleStore((state) => state.connectPending)
  const startConnect = useConsoleStore((state) => state.startConnect)
  const settings = useConsoleStore((state) => state.settings)
  const flowLoadError = useConsoleStore((state) => state.connectFlowLoadError)
  // A connection that needs a reconnect does not block CONNECT: Step 1 is how it reconnects.
  const connectedTenant = useConsoleStore((state) => {
    const connection = state.cloudApplications?.find((app) => app.id === 'microsoft365')?.connection
    return connection && isConnected(connection) && connection.status !== 'reconnectRequired' ? connection.tenant.name : null
  })
  const navigate = useConsoleStore((state) => state.navigate)
  const close = useConsoleStore((state) => state.closeConnectDialog)
  const unconfigured = settings?.effective === 'unconfigured'
  const blockedBy = connectedTenant !== null ? 'm365-already-connected' : unconfigured ? 'm365-needs-client-id' : undefined
  return (
    <>
      <button
        type="button"
        className="button button-primary"
        data-step-focus
        disabled={blockedBy !== undefined}
        aria-disabled={pending === 'start' || undefined}
        aria-describedby={blockedBy}
        onClick={() => void startConnect()}
      >
        CONNECT
      </button>
      {connectedTenant !== null && (
        <p id="m365-already-connected" className="muted small">
          Microsoft 365 is already connected to {connectedTenant}. Disconnect it before you connect another tenant.
        </p>
      )}
      {connectedTenant === null && unconfigured && (
        <div className="inline-note">
          <p id="m365-needs-client-id">Choose the app registration’s client ID in Settings before you connect.</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              close()
              navigate('settings')
            }}
          >
            Go to Settings
          </button>
        </div>
      )}
      {connectedTenant === null && settings?.effective === 'builtInSandbox' && (
        <p className="muted small">Sign-in uses the built-in sandbox tenant: a demo with made-up tenants and no real data.</p>
      )}
      {flowLoadError && <p className="muted small">The console could not tell whether a sign-in is already under way: {flowLoadError}</p>}
    </>
  )
}

function WaitingForBrowser({ deadline }: { deadline: string }) {
  return (
    <>
      <Countdown deadline={deadline} task="to sign in" />
      <CancelConnect />
    </>
  )
}

/** Microsoft 365 may take its time to answer the checks (it can ask to retry later): the admin need not wait. */
function CancelConnect() {
  const cancelConnect = useConsoleStore((state) => state.cancelConnect)
  const cancelling = useConsoleStore((state) => state.connectPending === 'cancel')
  return (
    <button type="button" className="button" data-step-focus aria-disabled={cancelling || undefined} onClick={() => !cancelling && void cancelConnect()}>
      Cancel
    </button>
  )
}

function ConnectFailed({ failure }: { failure: Extract<ConnectFlow, { step: 'failed' }>['failure'] }) {
  const startConnect = useConsoleStore((state) => state.startConnect)
  const starting = useConsoleStore((state) => state.connectPending === 'start')
  return (
    <InlineFailure
      title={failure.title}
      details={failure.details}
      actions={
        <button type="button" className="button button-primary" data-step-focus aria-disabled={starting || undefined} onClick={() => void startConnect()}>
          Try another account
        </button>
      }
    >
      <p>{failure.fix}</p>
    </InlineFailure>
  )
}
