import type { Revised } from '../../../shared/contract-names.ts'
import type { ConnectFlow } from '../../../shared/microsoft-365.ts'
import { describe, type ActionFailure, type Slice, type SliceKit } from './store-kit.ts'

export type ConnectDialog = 'closed' | 'chooser' | 'microsoft365'

/** Which Connect to Microsoft 365 call the page is waiting for. */
export type ConnectPending = 'start' | 'cancel' | 'recheck' | 'confirm'

export interface Microsoft365ConnectSlice {
  connectDialog: ConnectDialog
  /** Main's state of the wizard; null until loaded (the dialog then treats it as idle). */
  connectFlow: ConnectFlow | null
  connectFlowRevision: number
  /** Why the flow could not be loaded, for the dialog to say. */
  connectFlowLoadError: string | null
  connectPending: ConnectPending | null
  /** A failed connect action, shown inside the Connect to Microsoft 365 dialog. */
  connectFailure: ActionFailure | null
  openConnectDialog: (dialog: Exclude<ConnectDialog, 'closed'>) => void
  /** Closes the dialog; a sign-in under way (or its outcome, not yet confirmed) is cancelled. */
  closeConnectDialog: () => void
  startConnect: () => Promise<void>
  cancelConnect: () => Promise<void>
  recheckAuditLog: () => Promise<void>
  confirmConnect: () => Promise<void>
}

export function createMicrosoft365ConnectSlice({ set, get, api }: SliceKit): Slice<Microsoft365ConnectSlice> {
  const acceptFlow = ({ revision, value }: Revised<ConnectFlow>) => {
    if (revision < get().connectFlowRevision) return
    set({ connectFlow: value, connectFlowRevision: revision, connectFlowLoadError: null })
  }

  /** Every action shows that it waits, and says in the dialog what did not happen. Never rejects. */
  const run = async (pending: ConnectPending, what: string, call: () => Promise<Revised<ConnectFlow>>): Promise<boolean> => {
    set({ connectPending: pending, connectFailure: null })
    try {
      acceptFlow(await call())
      return true
    } catch (error) {
      const failure = { what, why: describe(error) }
      // A cancel sent because the dialog closed has no dialog left to speak in: the top bar says it.
      if (get().connectDialog === 'microsoft365') set({ connectFailure: failure })
      else set({ actionFailure: failure })
      return false
    } finally {
      if (get().connectPending === pending) set({ connectPending: null })
    }
  }

  const inProgress = () => {
    const { connectFlow, connectPending } = get()
    return connectPending === 'start' || (connectFlow !== null && connectFlow.step !== 'idle')
  }

  const state: Microsoft365ConnectSlice = {
    connectDialog: 'closed',
    connectFlow: null,
    connectFlowRevision: -1,
    connectFlowLoadError: null,
    connectPending: null,
    connectFailure: null,
    openConnectDialog: (connectDialog) => set({ connectDialog, connectFailure: null, statusMessage: null }),
    closeConnectDialog: () => {
      const wasMicrosoft365 = get().connectDialog === 'microsoft365'
      set({ connectDialog: 'closed', connectFailure: null })
      // A CONFIRM already sent finishes: cancelling it half-way would leave less certainty, not more.
      if (wasMicrosoft365 && get().connectPending !== 'confirm' && inProgress()) void get().cancelConnect()
    },
    startConnect: async () => {
      if (get().connectPending === 'start' || get().connectPending === 'confirm') return
      await run('start', 'The sign-in could not be started.', () => api().startMicrosoft365Connect())
    },
    cancelConnect: async () => {
      await run('cancel', 'The sign-in could not be cancelled.', () => api().cancelMicrosoft365Connect())
    },
    recheckAuditLog: async () => {
      if (get().connectPending !== null) return
      await run('recheck', 'Audit log recording could not be checked again.', () => api().recheckMicrosoft365AuditLog())
    },
    confirmConnect: async () => {
      if (get().connectPending !== null) return
      const confirmed = await run('confirm', 'Microsoft 365 could not be connected.', () => api().confirmMicrosoft365Connect())
      if (confirmed) set({ connectDialog: 'closed', statusMessage: 'Microsoft 365 is connected.' })
    }
  }

  return {
    state,
    load: async () => {
      try {
        acceptFlow(await api().getMicrosoft365ConnectFlow())
      } catch (error) {
        set({ connectFlowLoadError: describe(error) })
      }
    },
    receive: (snapshot) => acceptFlow(snapshot.microsoft365ConnectFlow),
    subscribe: () => api().onMicrosoft365ConnectFlowChanged(acceptFlow)
  }
}
