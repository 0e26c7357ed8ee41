import { useEffect } from 'react'
import { CloudApplicationsPage } from './components/CloudApplicationsPage.tsx'
import { ConnectCloudApplicationsDialog } from './components/ConnectCloudApplicationsDialog.tsx'
import { ConnectMicrosoft365Dialog } from './components/ConnectMicrosoft365Dialog.tsx'
import { ControlPanelPage } from './components/ControlPanelPage.tsx'
import { Microsoft365StatusDialog } from './components/Microsoft365StatusDialog.tsx'
import { SettingsPage } from './components/SettingsPage.tsx'
import { Sidebar } from './components/Sidebar.tsx'
import { TopBar } from './components/TopBar.tsx'
import { startClock } from './store/clock-store.ts'
import type { View } from './store/console-store.ts'
import { useConsoleStore } from './store/use-console-store.ts'
import { clockStore } from './store/use-now.ts'

function Page({ view }: { view: View }) {
  switch (view) {
    case 'controlPanel':
      return <ControlPanelPage />
    case 'cloudApplications':
      return <CloudApplicationsPage />
    case 'settings':
      return <SettingsPage />
  }
}

export function App() {
  const view = useConsoleStore((state) => state.view)
  useEffect(() => startClock(clockStore), [])
  return (
    <div className="shell">
      <TopBar />
      <Sidebar />
      <main className="content">
        <Page view={view} />
      </main>
      <ConnectCloudApplicationsDialog />
      <ConnectMicrosoft365Dialog />
      <Microsoft365StatusDialog />
    </div>
  )
}
