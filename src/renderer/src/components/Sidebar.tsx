import { useConsoleStore } from '../store/use-console-store.ts'
import { ControlPanelIcon } from './icons.tsx'

export function Sidebar() {
  const view = useConsoleStore((state) => state.view)
  const navigate = useConsoleStore((state) => state.navigate)
  // Cloud Applications and Settings are sections of the Control Panel.
  const inControlPanel = view === 'controlPanel' || view === 'cloudApplications' || view === 'settings'
  return (
    <nav className="sidebar" aria-label="Main">
      <ul>
        <li>
          <button
            type="button"
            className="sidebar-link"
            aria-current={inControlPanel ? 'page' : undefined}
            onClick={() => navigate('controlPanel')}
          >
            <ControlPanelIcon />
            <span>Control Panel</span>
          </button>
        </li>
      </ul>
    </nav>
  )
}
