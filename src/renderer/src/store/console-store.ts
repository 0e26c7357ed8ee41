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
  /** Loads what the pages show; a failure is kept in `loadError` for the page to explain. */
  load(): Promise<void>
  /** Follows main's events and loads; returns the unsubscribe. */
  start(): () => void
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'Unknown error'
}

export const useConsoleStore = create<ConsoleStore>()((set, get) => ({
  view: 'controlPanel',
  cloudApplications: null,
  loadError: null,
  notices: [],
  connectDialog: 'closed',
  navigate: (view) => set({ view }),
  openConnectDialog: (connectDialog) => set({ connectDialog }),
  closeConnectDialog: () => set({ connectDialog: 'closed' }),
  dismissNotice: async (id) => set({ notices: await window.api.dismissNotice(id) }),
  async load() {
    set({ loadError: null })
    // Settled separately, so a notice (say, about recovered data) still shows when the list fails.
    const [applications, notices] = await Promise.allSettled([window.api.listCloudApplications(), window.api.listNotices()])
    if (applications.status === 'fulfilled') set({ cloudApplications: applications.value })
    if (notices.status === 'fulfilled') set({ notices: notices.value })
    const failure = [applications, notices].find((result) => result.status === 'rejected')
    if (failure) set({ loadError: describe(failure.reason) })
  },
  start() {
    const stopApplications = window.api.onCloudApplicationsChanged((cloudApplications) => set({ cloudApplications }))
    const stopNotices = window.api.onNoticesChanged((notices) => set({ notices }))
    void get().load()
    return () => {
      stopApplications()
      stopNotices()
    }
  }
}))
