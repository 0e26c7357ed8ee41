import { useConsoleStore } from '../store/use-console-store.ts'
import { ChevronRightIcon, CloudIcon, SettingsIcon } from './icons.tsx'

export function ControlPanelPage() {
  const navigate = useConsoleStore((state) => state.navigate)
  return (
    <section className="page" aria-labelledby="control-panel-title">
      <header className="page-header">
        <h1 id="control-panel-title">Control Panel</h1>
      </header>
      <div className="card-grid">
        <button type="button" className="section-card" onClick={() => navigate('cloudApplications')}>
          <span className="section-card-icon">
            <CloudIcon width={24} height={24} />
          </span>
          <span className="section-card-text">
            <span className="section-card-title">Cloud Applications</span>
            <span className="section-card-description">Connect Microsoft 365 and watch the health of its connection.</span>
          </span>
          <ChevronRightIcon className="section-card-chevron" />
        </button>
        <button type="button" className="section-card" onClick={() => navigate('settings')}>
          <span className="section-card-icon">
            <SettingsIcon width={24} height={24} />
          </span>
          <span className="section-card-text">
            <span className="section-card-title">Settings</span>
            <span className="section-card-description">Choose the app registration’s client ID and the Microsoft cloud to sign in to.</span>
          </span>
          <ChevronRightIcon className="section-card-chevron" />
        </button>
      </div>
    </section>
  )
}
