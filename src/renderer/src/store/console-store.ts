import { create } from 'zustand'
import type { CloudApplication } from '../../../shared/cloud-applications.ts'
import type { Notice } from '../../../shared/notices.ts'

export type View = 'controlPanel' | 'cloudApplications'
export type ConnectDialog = 'closed' | 'chooser' | 'microsoft365'

interface ConsoleStore {
  view: View
  cloudApplications: CloudApplication[] | null
  loadError: string | null
  notices: Notice[]
  connectDialog: ConnectDialog
  navigate(view: View): void
  openConnectDialog(dialog: Exclude<ConnectDialog, 'closed'>): void
  closeConnectDialog(): void
  dismissNotice(id: string): Promise<void>
  /** Loads everything the page shows and follows main's events; returns the unsubscribe. */
  start(): () => void
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'Unknown error'
}

export const useConsoleStore = create<ConsoleStore>()((set) => ({
  view: 'controlPanel',
  cloudApplications: null,
  loadError: null,
  notices: [],
  connectDialog: 'closed',
  navigate: (view) => set({ view }),
  openConnectDialog: (connectDialog) => set({ connectDialog }),
  closeConnectDialog: () => set({ connectDialog: 'closed' }),
  dismissNotice: async (id) => set({ notices: await window.api.dismissNotice(id) }),
  start() {
    const stopApplications = window.api.onCloudApplicationsChanged((cloudApplications) => set({ cloudApplications }))
    const stopNotices = window.api.onNoticesChanged((notices) => set({ notices }))
    window.api
      .listCloudApplications()
      .then((cloudApplications) => set({ cloudApplications, loadError: null }))
      .catch((error: unknown) => set({ loadError: describe(error) }))
    window.api
      .listNotices()
      .then((notices) => set({ notices }))
      .catch((error: unknown) => set({ loadError: describe(error) }))
    return () => {
      stopApplications()
      stopNotices()
    }
  }
}))
