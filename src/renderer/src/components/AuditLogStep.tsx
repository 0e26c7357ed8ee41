import type { AuditLogState, ConnectFlow } from '../../../shared/microsoft-365.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { ExternalLink } from './ExternalLink.tsx'
import { ActionFailureAlert, Busy, MicrosoftDetailsDisclosure } from './Feedback.tsx'
import { CheckIcon, WarningIcon } from './icons.tsx'

export const purviewAuditSearch = 'https://purview.microsoft.com/audit/auditsearch'

/** Step 2 of Connect to Microsoft 365: audit log recording, then CONFIRM. */
export function AuditLogStep({ flow }: { flow: ConnectFlow }) {
  if (flow.step !== 'auditLog') {
    return (
      <li className="step step-upcoming" aria-labelledby="m365-step-2">
        <span className="step-number" aria-hidden="true">
          2
        </span>
        <div className="step-body">
          <h3 id="m365-step-2">Step 2</h3>
          <p>Verify that Microsoft 365 audit log recording is enabled.</p>
        </div>
      </li>
    )
  }
  return <ActiveAuditLogStep flow={flow} />
}

function ActiveAuditLogStep({ flow }: { flow: Extract<ConnectFlow, { step: 'auditLog' }> }) {
  const pending = useConsoleStore((state) => state.connectPending)
  const connectFailure = useConsoleStore((state) => state.connectFailure)
  const recheckAuditLog = useConsoleStore((state) => state.recheckAuditLog)
  const confirmConnect = useConsoleStore((state) => state.confirmConnect)
  const checking = flow.checking || pending === 'recheck'
  const confirming = pending === 'confirm'
  return (
    <li className="step step-active" aria-labelledby="m365-step-2" aria-current="step">
      <span className="step-number" aria-hidden="true">
        2
      </span>
      <div className="step-body">
        <h3 id="m365-step-2">Step 2</h3>
        <p className="step-lead">Verify that Microsoft 365 audit log recording is enabled</p>
        <dl className="facts">
          <div>
            <dt>Tenant</dt>
            <dd>
              {flow.tenant.name} ({flow.tenant.domain})
            </dd>
          </div>
          <div>
            <dt>Signed in as</dt>
            <dd>{flow.account}</dd>
          </div>
        </dl>
        <p>
          Go to <ExternalLink href={purviewAuditSearch}>{purviewAuditSearch}</ExternalLink>.
        </p>
        <p>
          In the Microsoft Purview portal, select <strong>Start recording user and admin activity</strong>. When audit log
          recording is already on, that button is greyed out.
        </p>
        {/* Mounted for the whole step, so a check's progress and its new result are read out. */}
        <div className="detected" role="status">
          {checking ? <Busy>Checking audit log recording…</Busy> : <AuditLogResult auditLog={flow.auditLog} />}
        </div>
        <div className="inline-actions">
          <button
            type="button"
            className="button"
            aria-disabled={checking || confirming || undefined}
            onClick={() => !checking && !confirming && void recheckAuditLog()}
          >
            Check again
          </button>
          <button
            type="button"
            className="button button-primary"
            data-step-focus
            aria-disabled={confirming || undefined}
            aria-describedby={flow.auditLog.state === 'on' ? undefined : 'm365-confirm-anyway'}
            onClick={() => !confirming && void confirmConnect()}
          >
            CONFIRM
          </button>
        </div>
        {flow.auditLog.state !== 'on' && (
          <p id="m365-confirm-anyway" className="muted small">
            You can confirm now and turn audit log recording on afterwards; until then, the console cannot see activity in the tenant.
          </p>
        )}
        <div role="status">{confirming && <Busy>Connecting Microsoft 365…</Busy>}</div>
        <ActionFailureAlert failure={connectFailure} />
      </div>
    </li>
  )
}

function AuditLogResult({ auditLog }: { auditLog: AuditLogState }) {
  switch (auditLog.state) {
    case 'on':
      return (
        <p className="detected-line detected-ok">
          <CheckIcon />
          <span>Audit log recording is on.</span>
        </p>
      )
    case 'appearsOff':
      return (
        <div className="detected-line detected-warning">
          <WarningIcon />
          <div>
            <p>
              <strong>Audit log recording appears to be off.</strong>
            </p>
            <p>Changes can take up to an hour to apply.</p>
            <MicrosoftDetailsDisclosure details={auditLog.details} />
          </div>
        </div>
      )
    case 'couldNotBeChecked':
      return (
        <div className="detected-line detected-warning">
          <WarningIcon />
          <div>
            <p>
              <strong>The console could not check audit log recording.</strong>
            </p>
            <p>{auditLog.reason}</p>
            <MicrosoftDetailsDisclosure details={auditLog.details} />
          </div>
        </div>
      )
  }
}
