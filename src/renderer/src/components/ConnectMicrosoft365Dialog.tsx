import { useConsoleStore } from '../store/use-console-store.ts'
import { Dialog } from './Dialog.tsx'
import { ExternalLink } from './ExternalLink.tsx'

export function ConnectMicrosoft365Dialog() {
  const open = useConsoleStore((state) => state.connectDialog === 'microsoft365')
  const close = useConsoleStore((state) => state.closeConnectDialog)
  return (
    <Dialog open={open} onOpenChange={(next) => !next && close()} title="Connect to Microsoft 365">
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
      <ol className="steps">
        <li className="step" aria-labelledby="m365-step-1">
          <span className="step-number" aria-hidden="true">
            1
          </span>
          <div className="step-body">
            <h3 id="m365-step-1">Step 1</h3>
            <p>Sign in to Microsoft 365 with an admin account and accept the console’s request for permissions.</p>
            <button type="button" className="button button-primary" disabled aria-describedby="m365-sign-in-unavailable">
              CONNECT
            </button>
            <p id="m365-sign-in-unavailable" className="muted small">
              Sign-in is not available in this build yet.
            </p>
          </div>
        </li>
        <li className="step step-upcoming" aria-labelledby="m365-step-2">
          <span className="step-number" aria-hidden="true">
            2
          </span>
          <div className="step-body">
            <h3 id="m365-step-2">Step 2</h3>
            <p>Verify that Microsoft 365 audit log recording is enabled.</p>
          </div>
        </li>
      </ol>
    </Dialog>
  )
}
