import { createStore } from 'zustand/vanilla'
import type { CloudApplication } from '../../../shared/cloud-applications.ts'
import type { Revised } from '../../../shared/contract-names.ts'
import type { ConsoleApi } from '../../../shared/contract.ts'
import type { Notice } from '../../../shared/notices.ts'

export type View = 'controlPanel' | 'cloudApplications'
export type ConnectDialog = 'closed' | 'chooser' | 'microsoft365'

/** A failed action, said in two parts: what did not happen, and main's explanation. */
export interface ActionFailure {
  what: string
  why: string
}

export interface ConsoleStore {
  view: View
  cloudApplications: CloudApplication[] | null
  loadError: string | null
  notices: Notice[]
  actionFailure: ActionFailure | null
  /**
   * The revision of what each list shows. An answer older than an event already applied is
   * dropped, so a slow first load cannot put back what an event has since changed.
   */
  cloudApplicationsRevision: number
  noticesRevision: number
  connectDialog: ConnectDialog
  navigate: (view: View) => void
  openConnectDialog: (dialog: Exclude<ConnectDialog, 'closed'>) => void
  closeConnectDialog: () => void
  /** Never rejects: a failure lands in `actionFailure` for the notice area to show. */
  dismissNotice: (id: string) => Promise<void>
  clearActionFailure: () => void
  /** Loads what the pages show; a failure is kept in `loadError` for the page to explain. */
  load: () => Promise<void>
  /** Follows main's events and loads; returns the unsubscribe. */
  start: () => () => void
}

function describe(error: unknown): string {
  // Main sends only messages written for people (its dispatcher keeps raw errors in its log).
  return error instanceof Error && error.message ? error.message : 'The console did not answer. Try again.'
}

/** `api` is read when used, not when the store is made, so tests and both hosts can supply it. */
export function createConsoleStore(api: () => ConsoleApi) {
  return createStore<ConsoleStore>()((set, get) => {
    const acceptCloudApplications = ({ revision, value }: Revised<CloudApplication[]>) => {
      if (revision < get().cloudApplicationsRevision) return
      set({ cloudApplications: value, cloudApplicationsRevision: revision })
    }
    const acceptNotices = ({ revision, value }: Revised<Notice[]>) => {
      if (revision < get().noticesRevision) return
      set({ notices: value, noticesRevision: revision })
    }
    const attempt = async (what: string, action: () => Promise<void>) => {
      set({ actionFailure: null })
      try {
        await action()
      } catch (error) {
        set({ actionFailure: { what, why: describe(error) } })
      }
    }

    return {
      view: 'controlPanel',
      cloudApplications: null,
      loadError: null,
      notices: [],
      actionFailure: null,
      cloudApplicationsRevision: -1,
      noticesRevision: -1,
      connectDialog: 'closed',
      navigate: (view) => set({ view }),
      openConnectDialog: (connectDialog) => set({ connectDialog }),
      closeConnectDialog: () => set({ connectDialog: 'closed' }),
      dismissNotice: (id) => attempt('The notice could not be dismissed.', async () => acceptNotices(await api().dismissNotice(id))),
      clearActionFailure: () => set({ actionFailure: null }),
      load: async () => {
        set({ loadError: null })
        // Settled separately, so a notice (say, about recovered data) still shows when the list fails.
        const [applications, notices] = await Promise.allSettled([api().listCloudApplications(), api().listNotices()])
        if (applications.status === 'fulfilled') acceptCloudApplications(applications.value)
        if (notices.status === 'fulfilled') acceptNotices(notices.value)
        const failure = [applications, notices].find((result) => result.status === 'rejected')
        if (failure) set({ loadError: describe(failure.reason) })
      },
      start: () => {
        const stopApplications = api().onCloudApplicationsChanged(acceptCloudApplications)
        const stopNotices = api().onNoticesChanged(acceptNotices)
        void get().load()
        return () => {
          stopApplications()
          stopNotices()
        }
      }
    }
  })
}
