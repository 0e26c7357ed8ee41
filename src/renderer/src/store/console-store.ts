import { createStore } from 'zustand/vanilla'
import type { CloudApplication } from '../../../shared/cloud-applications.ts'
import type { Revised } from '../../../shared/contract-names.ts'
import type { ConsoleApi, ConsoleSnapshot } from '../../../shared/contract.ts'
import type { Notice } from '../../../shared/notices.ts'
import { createActivitySlice, type ActivitySlice } from './activity-slice.ts'
import { createMicrosoft365ConnectSlice, type Microsoft365ConnectSlice } from './microsoft365-connect-slice.ts'
import { createMicrosoft365HeartbeatSlice, type Microsoft365HeartbeatSlice } from './microsoft365-heartbeat-slice.ts'
import { createMicrosoft365StatusSlice, type Microsoft365StatusSlice } from './microsoft365-status-slice.ts'
import { createSettingsSlice, type SettingsSlice } from './settings-slice.ts'
import { describe, type ActionFailure, type Slice, type SliceKit } from './store-kit.ts'

export type { ActionFailure } from './store-kit.ts'
export type { ConnectDialog, ConnectPending } from './microsoft365-connect-slice.ts'
export type { StatusDialog } from './microsoft365-status-slice.ts'
export type { GrantPending } from './microsoft365-heartbeat-slice.ts'

export type View = 'controlPanel' | 'cloudApplications' | 'settings'

export interface CoreSlice {
  view: View
  cloudApplications: CloudApplication[] | null
  loadError: string | null
  notices: Notice[]
  /** A failed action with no dialog or page of its own to speak in; the notice area shows it. */
  actionFailure: ActionFailure | null
  /** A finished action's outcome, said politely on the page (for example after a disconnect). */
  statusMessage: string | null
  /**
   * The revision of what each list shows. An answer older than an event already applied is
   * dropped, so a slow first load cannot put back what an event has since changed.
   */
  cloudApplicationsRevision: number
  noticesRevision: number
  /**
   * True once the first load after `start` has answered, failed or not. The page waits for it before
   * its first paint, so what main stored shows at once rather than behind a spinner.
   */
  loaded: boolean
  navigate: (view: View) => void
  /** Never rejects: a failure lands in `actionFailure` for the notice area to show. */
  dismissNotice: (id: string) => Promise<void>
  clearActionFailure: () => void
  /**
   * Loads what the pages show in one call, main's snapshot. Should that fail, each part asks on its own,
   * so a failure is kept in `loadError` (or the slice's own) for the page that shows it to explain.
   */
  load: () => Promise<void>
  /** Follows main's events and loads; returns the unsubscribe. */
  start: () => () => void
}

export type ConsoleStore = CoreSlice &
  Microsoft365ConnectSlice &
  Microsoft365StatusSlice &
  Microsoft365HeartbeatSlice &
  SettingsSlice &
  ActivitySlice

/** `api` is read when used, not when the store is made, so tests and both hosts can supply it. */
export function createConsoleStore(api: () => ConsoleApi) {
  return createStore<ConsoleStore>()((set, get) => {
    const kit: SliceKit = { set, get, api }
    const connect = createMicrosoft365ConnectSlice(kit)
    const status = createMicrosoft365StatusSlice(kit)
    const heartbeat = createMicrosoft365HeartbeatSlice(kit)
    const settings = createSettingsSlice(kit)
    const activity = createActivitySlice(kit)
    const slices: Slice<unknown>[] = [connect, status, heartbeat, settings, activity]

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
    const loadApplicationsAndNotices = async () => {
      set({ loadError: null })
      // Settled separately, so a notice (say, about recovered data) still shows when the list fails.
      const [applications, notices] = await Promise.allSettled([api().listCloudApplications(), api().listNotices()])
      if (applications.status === 'fulfilled') acceptCloudApplications(applications.value)
      if (notices.status === 'fulfilled') acceptNotices(notices.value)
      const failure = [applications, notices].find((result) => result.status === 'rejected')
      if (failure) set({ loadError: describe(failure.reason) })
    }

    const core: CoreSlice = {
      view: 'controlPanel',
      cloudApplications: null,
      loadError: null,
      notices: [],
      actionFailure: null,
      statusMessage: null,
      cloudApplicationsRevision: -1,
      noticesRevision: -1,
      loaded: false,
      navigate: (view) => set({ view, statusMessage: null, settingsSaved: false, settingsFailure: null, heartbeatIntervalFailure: null }),
      dismissNotice: (id) => attempt('The notice could not be dismissed.', async () => acceptNotices(await api().dismissNotice(id))),
      clearActionFailure: () => set({ actionFailure: null }),
      load: async () => {
        set({ loadError: null })
        let snapshot: ConsoleSnapshot
        try {
          snapshot = await api().getConsoleSnapshot()
        } catch {
          // The snapshot fails when any part does; asked one by one, the parts that can load still do,
          // and each failure is said where its own screen says it.
          await Promise.all([loadApplicationsAndNotices(), ...slices.map((slice) => slice.load())])
          return
        }
        acceptCloudApplications(snapshot.cloudApplications)
        acceptNotices(snapshot.notices)
        for (const slice of slices) slice.receive(snapshot)
      },
      start: () => {
        const stops = [api().onCloudApplicationsChanged(acceptCloudApplications), api().onNoticesChanged(acceptNotices), ...slices.map((slice) => slice.subscribe())]
        void get()
          .load()
          .finally(() => {
            // An admin with a stored connection opens the console to watch it: the first paint is the
            // grid with its status and Last heartbeat, even offline.
            const watching = get().cloudApplications?.some(({ connection }) => connection.status !== 'notConnected') ?? false
            set(watching && get().view === 'controlPanel' ? { loaded: true, view: 'cloudApplications' } : { loaded: true })
          })
        return () => stops.forEach((stop) => stop())
      }
    }

    return { ...core, ...connect.state, ...status.state, ...heartbeat.state, ...settings.state, ...activity.state }
  })
}
