import type { DisconnectResult, PermissionManifestView } from '../../../shared/microsoft-365.ts'
import { grantInProgress } from './microsoft365-heartbeat-slice.ts'
import { describe, type ActionFailure, type Slice, type SliceKit } from './store-kit.ts'

/** The Microsoft 365 connection status dialog: closed, showing the status, or asking to disconnect. */
export type StatusDialog = 'closed' | 'status' | 'disconnect'

export interface Microsoft365StatusSlice {
  statusDialog: StatusDialog
  /** The permissions this release of the console asks for; null until loaded. */
  permissions: PermissionManifestView | null
  permissionsLoadError: string | null
  /** Set while YES, DISCONNECT waits; says whether the browser is asked to remove the permissions. */
  disconnecting: { removePermissions: boolean } | null
  /** Set while Cancel of the browser sign-in during a disconnect waits. */
  cancellingSignIn: boolean
  /** A disconnect that went through but left the tenant's grant behind: the dialog stays open on it. */
  disconnectOutcome: Extract<DisconnectResult, { permissions: 'notRemoved' }> | null
  /** A failed disconnect (or cancel), shown inside the dialog. */
  disconnectFailure: ActionFailure | null
  openStatusDialog: (mode: Exclude<StatusDialog, 'closed'>) => void
  /** Closing while the browser waits (the removal's sign-in, or GRANT PERMISSIONS) cancels what it waits for. */
  closeStatusDialog: () => void
  /** An OS notification was clicked: Cloud Applications, with the status dialog open on it. */
  showRequestedStatus: () => void
  /** RECONNECT: from the status dialog (or the tile) to Step 1 of Connect to Microsoft 365. */
  reconnect: () => void
  loadPermissions: () => Promise<void>
  disconnect: (removePermissions: boolean) => Promise<void>
  cancelDisconnectSignIn: () => Promise<void>
}

export function createMicrosoft365StatusSlice({ set, get, api }: SliceKit): Slice<Microsoft365StatusSlice> {
  const loadPermissions = async () => {
    set({ permissionsLoadError: null })
    try {
      set({ permissions: await api().getMicrosoft365Permissions() })
    } catch (error) {
      set({ permissionsLoadError: describe(error) })
    }
  }

  const state: Microsoft365StatusSlice = {
    statusDialog: 'closed',
    permissions: null,
    permissionsLoadError: null,
    disconnecting: null,
    cancellingSignIn: false,
    disconnectOutcome: null,
    disconnectFailure: null,
    openStatusDialog: (statusDialog) => {
      set({ statusDialog, disconnectOutcome: null, disconnectFailure: null, heartbeatFailure: null, statusMessage: null })
      if (get().permissions === null) void loadPermissions()
    },
    closeStatusDialog: () => {
      const { disconnecting, cancellingSignIn, grantPending } = get()
      const grantWaits = grantInProgress(get()) && grantPending !== 'cancel'
      set({ statusDialog: 'closed', disconnectOutcome: null, disconnectFailure: null, heartbeatFailure: null })
      if (disconnecting?.removePermissions && !cancellingSignIn) void get().cancelDisconnectSignIn()
      if (grantWaits) void get().cancelGrant()
    },
    showRequestedStatus: () => {
      const { statusDialog, disconnecting, connectDialog } = get()
      // A disconnect under way, or a connect the admin is in the middle of, is not interrupted.
      if (disconnecting || connectDialog === 'microsoft365') return
      if (get().view !== 'cloudApplications') get().navigate('cloudApplications')
      if (connectDialog === 'chooser') set({ connectDialog: 'closed' })
      if (statusDialog !== 'status') get().openStatusDialog('status')
    },
    reconnect: () => {
      if (get().statusDialog !== 'closed') get().closeStatusDialog()
      get().openConnectDialog('microsoft365')
    },
    loadPermissions,
    disconnect: async (removePermissions) => {
      if (get().disconnecting) return
      set({ disconnecting: { removePermissions }, disconnectFailure: null, disconnectOutcome: null, statusMessage: null })
      try {
        const result = await api().disconnectMicrosoft365({ removePermissions })
        if (result.permissions === 'notRemoved') {
          // The dialog stays open to say what is left to do; closed meanwhile, the top bar says it.
          if (get().statusDialog === 'closed') set({ actionFailure: { what: result.title, why: result.fix } })
          else set({ disconnectOutcome: result })
        } else {
          set({
            statusDialog: 'closed',
            statusMessage:
              result.permissions === 'removed'
                ? 'Microsoft 365 was disconnected, and the console’s permissions were removed from the tenant.'
                : 'Microsoft 365 was disconnected.'
          })
        }
      } catch (error) {
        const failure = { what: 'Microsoft 365 could not be disconnected.', why: describe(error) }
        if (get().statusDialog === 'closed') set({ actionFailure: failure })
        else set({ disconnectFailure: failure })
      } finally {
        set({ disconnecting: null })
      }
    },
    cancelDisconnectSignIn: async () => {
      if (get().cancellingSignIn) return
      set({ cancellingSignIn: true, disconnectFailure: null })
      try {
        await api().cancelMicrosoft365SignIn()
      } catch (error) {
        const failure = { what: 'The sign-in could not be cancelled.', why: describe(error) }
        if (get().statusDialog === 'closed') set({ actionFailure: failure })
        else set({ disconnectFailure: failure })
      } finally {
        set({ cancellingSignIn: false })
      }
    }
  }

  return {
    state,
    load: loadPermissions,
    receive: (snapshot) => set({ permissions: snapshot.microsoft365Permissions, permissionsLoadError: null }),
    subscribe: () => () => {}
  }
}
