import { Breadcrumb } from './Breadcrumb.tsx'
import { useConsoleStore } from '../store/use-console-store.ts'
import { ActivitySection } from './ActivitySection.tsx'
import { CloudApplicationTile } from './CloudApplicationTile.tsx'
import { WarningIcon } from './icons.tsx'

export function CloudApplicationsPage() {
  const applications = useConsoleStore((state) => state.cloudApplications)
  const loadError = useConsoleStore((state) => state.loadError)
  const load = useConsoleStore((state) => state.load)
  const openConnectDialog = useConsoleStore((state) => state.openConnectDialog)
  const statusMessage = useConsoleStore((state) => state.statusMessage)
  const nothingConnected = applications?.every((app) => app.connection.status === 'notConnected') ?? false
  return (
    <section className="page" aria-labelledby="cloud-applications-title">
      <Breadcrumb current="Cloud Applications" />
      <header className="page-header">
        <h1 id="cloud-applications-title">Cloud Applications</h1>
        <button type="button" className="button button-primary" onClick={() => openConnectDialog('chooser')}>
          + CONNECT
        </button>
      </header>

      {/* Mounted with the page, so an outcome said here (a disconnect, a connect) is read out. */}
      <div className="page-status" role="status">
        {statusMessage && <p className="status-message">{statusMessage}</p>}
      </div>

      {nothingConnected && (
        <aside className="banner" aria-label="Why connect">
          <div>
            <h2>Protect your organisation’s Microsoft 365</h2>
            <p>
              Connecting lets the console watch mailboxes, files and sign-ins for threats. You sign in once as a Global
              Administrator and accept the permissions; the console then checks the connection with a regular heartbeat.
            </p>
          </div>
          <button type="button" className="button button-primary" onClick={() => openConnectDialog('microsoft365')}>
            CONNECT
          </button>
        </aside>
      )}

      {loadError && (
        <div className="load-error" role="alert">
          <WarningIcon />
          <div>
            <strong>Cloud applications could not be loaded.</strong>
            <p>{loadError}</p>
            <p>Try again. If it keeps failing, restart the console; your connections and settings are kept.</p>
          </div>
          <button type="button" className="button" onClick={() => void load()}>
            TRY AGAIN
          </button>
        </div>
      )}

      {applications === null ? (
        !loadError && (
          <p className="muted" role="status">
            Loading cloud applications…
          </p>
        )
      ) : (
        <ul className="tile-grid" aria-label="Cloud applications">
          {applications.map((application) => (
            <li key={application.id}>
              <CloudApplicationTile application={application} />
            </li>
          ))}
        </ul>
      )}

      <ActivitySection />
    </section>
  )
}
