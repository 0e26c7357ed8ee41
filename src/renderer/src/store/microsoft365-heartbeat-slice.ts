import type { Revised } from '../../../shared/contract-names.ts'
import type { Microsoft365Status } from '../../../shared/heartbeat.ts'
import { describe, type ActionFailure, type Slice, type SliceKit } from './store-kit.ts'

/** Which GRANT PERMISSIONS call the page is waiting for. */
export type GrantPending = 'start' | 'cancel'

export interface Microsoft365HeartbeatSlice {
  /** The heartbeat history, the next heartbeat, the permissions and GRANT PERMISSIONS; null until loaded. */
  microsoft365Status: Microsoft365Status | null
  microsoft365StatusRevision: number
  microsoft365StatusLoadError: string | null
  /** Set while Check now waits for its heartbeat. */
  checkPending: boolean
  grantPending: GrantPending | null
  /** A failed Check now, GRANT PERMISSIONS or Cancel, shown inside the status dialog. */
  heartbeatFailure: ActionFailure | null
  /** Check now: runs a heartbeat at once. Never rejects. */
  checkNow: () => Promise<void>
  /** GRANT PERMISSIONS: Microsoft's admin consent for the missing permissions, in the browser. Never rejects. */
  grantPermissions: () => Promise<void>
  /** Cancel while GRANT PERMISSIONS waits for the browser. Never rejects. */
  cancelGrant: () => Promise<void>
  /** Never rejects: a failure lands in `microsoft365StatusLoadError`. */
  loadMicrosoft365Status: () => Promise<void>
}

/** Whether GRANT PERMISSIONS has the browser open, or is about to: closing the dialog then cancels it. */
export function grantInProgress(state: Pick<Microsoft365HeartbeatSlice, 'microsoft365Status' | 'grantPending'>): boolean {
  return state.grantPending === 'start' || state.microsoft365Status?.grant.step === 'waitingForBrowser'
}

/** Whether a heartbeat is under way, whoever started it. */
export function heartbeatUnderWay(state: Pick<Microsoft365HeartbeatSlice, 'microsoft365Status' | 'checkPending'>): boolean {
  return state.checkPending || state.microsoft365Status?.checking === true
}

export function createMicrosoft365HeartbeatSlice({ set, get, api }: SliceKit): Slice<Microsoft365HeartbeatSlice> {
  const acceptStatus = ({ revision, value }: Revised<Microsoft365Status>) => {
    if (revision < get().microsoft365StatusRevision) return
    set({ microsoft365Status: value, microsoft365StatusRevision: revision, microsoft365StatusLoadError: null })
  }

  /** Says a failure in the dialog while it shows the status, or in the top bar once it does not. */
  const attempt = async (what: string, call: () => Promise<Revised<Microsoft365Status>>) => {
    set({ heartbeatFailure: null })
    try {
      acceptStatus(await call())
    } catch (error) {
      const failure = { what, why: describe(error) }
      if (get().statusDialog === 'status') set({ heartbeatFailure: failure })
      else set({ actionFailure: failure })
    }
  }

  const runGrant = async (pending: GrantPending, what: string, call: () => Promise<Revised<Microsoft365Status>>) => {
    if (get().grantPending === pending) return
    set({ grantPending: pending })
    try {
      await attempt(what, call)
    } finally {
      if (get().grantPending === pending) set({ grantPending: null })
    }
  }

  const loadMicrosoft365Status = async () => {
    try {
      acceptStatus(await api().getMicrosoft365Status())
    } catch (error) {
      set({ microsoft365StatusLoadError: describe(error) })
    }
  }

  const state: Microsoft365HeartbeatSlice = {
    microsoft365Status: null,
    microsoft365StatusRevision: -1,
    microsoft365StatusLoadError: null,
    checkPending: false,
    grantPending: null,
    heartbeatFailure: null,
    checkNow: async () => {
      if (get().checkPending) return
      set({ checkPending: true })
      try {
        await attempt('The connection could not be checked.', () => api().checkMicrosoft365Now())
      } finally {
        set({ checkPending: false })
      }
    },
    grantPermissions: () => runGrant('start', 'Microsoft’s permission request could not be opened.', () => api().grantMicrosoft365Permissions()),
    cancelGrant: () => runGrant('cancel', 'The permission request could not be cancelled.', () => api().cancelMicrosoft365PermissionGrant()),
    loadMicrosoft365Status
  }

  return {
    state,
    load: loadMicrosoft365Status,
    receive: (snapshot) => acceptStatus(snapshot.microsoft365Status),
    subscribe: () => {
      const stopStatus = api().onMicrosoft365StatusChanged(acceptStatus)
      // An OS notification about the connection was clicked.
      const stopRequests = api().onMicrosoft365StatusRequested(() => get().showRequestedStatus())
      return () => {
        stopStatus()
        stopRequests()
      }
    }
  }
}
