import type { Tenant } from '../../../shared/cloud-applications.ts'
import type { ConnectFailure } from '../../../shared/microsoft-365.ts'

/** What the prerequisite checks found after sign-in: everything the connection record needs, or the first failure. */
export type PrerequisiteReport =
  | {
      ok: true
      tenant: Tenant
      /** The signed-in admin's UPN, as Graph reports it. */
      account: string
      /** The tenant-wide (AllPrincipals) grant's permissions on Microsoft Graph and the Management APIs. */
      grantedPermissions: string[]
    }
  | { ok: false; failure: ConnectFailure }
