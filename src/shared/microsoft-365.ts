import { z } from 'zod'
import { tenantSchema } from './cloud-applications.ts'

/** ISO 8601 instants travel as strings so that the same value crosses IPC and HTTP unchanged. */
const instant = z.iso.datetime({ offset: true })

/**
 * What support needs to find a failure in Microsoft's logs: the AADSTS or Graph error code and the
 * request-id (or trace ID). Shown under "Details"; never a raw exception's text.
 */
export const microsoftDetailsSchema = z.object({
  code: z.string().max(200).optional(),
  requestId: z.string().max(200).optional(),
  at: instant.optional()
})
export type MicrosoftDetails = z.infer<typeof microsoftDetailsSchema>

/** Which step of a connect went wrong; the prerequisite checks come from the manual's "Prerequisites". */
export const connectFailureKindSchema = z.enum([
  'signIn',
  'consentDeclined',
  'timedOut',
  'subscription',
  'globalAdministrator',
  'tenantWideConsent',
  'network',
  'microsoft'
])
export type ConnectFailureKind = z.infer<typeof connectFailureKindSchema>

export const connectFailureSchema = z.object({
  kind: connectFailureKindSchema,
  /** What happened, in one sentence. */
  title: z.string(),
  /** What to do about it. */
  fix: z.string(),
  details: microsoftDetailsSchema.nullable()
})
export type ConnectFailure = z.infer<typeof connectFailureSchema>

/** What the console could tell about Microsoft 365 audit log recording by itself (Step 2). */
export const auditLogStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('on') }),
  z.object({ state: z.literal('appearsOff'), details: microsoftDetailsSchema.nullable() }),
  z.object({ state: z.literal('couldNotBeChecked'), reason: z.string(), details: microsoftDetailsSchema.nullable() })
])
export type AuditLogState = z.infer<typeof auditLogStateSchema>

/**
 * The Connect to Microsoft 365 dialog's progress, owned by main so that every window shows the same
 * step and closing one window cannot leave a sign-in running unseen.
 */
export const connectFlowSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('idle') }),
  /** The system browser is open on Microsoft's sign-in; `deadline` is when the console gives up. */
  z.object({ step: z.literal('waitingForBrowser'), startedAt: instant, deadline: instant }),
  z.object({ step: z.literal('checkingPrerequisites') }),
  z.object({ step: z.literal('failed'), failure: connectFailureSchema }),
  /** Step 2: signed in and every prerequisite met; CONFIRM stores the connection. */
  z.object({
    step: z.literal('auditLog'),
    tenant: tenantSchema,
    account: z.string(),
    auditLog: auditLogStateSchema,
    checking: z.boolean()
  })
])
export type ConnectFlow = z.infer<typeof connectFlowSchema>
export type ConnectStep = ConnectFlow['step']

/** One row of the permission manifest, as the page shows it. */
export const manifestPermissionSchema = z.object({
  /** As Entra names it, e.g. `Directory.Read.All`. */
  name: z.string(),
  resource: z.enum(['Microsoft Graph', 'Office 365 Management APIs']),
  purpose: z.string()
})
export type ManifestPermission = z.infer<typeof manifestPermissionSchema>

export const permissionManifestSchema = z.object({
  version: z.string(),
  permissions: z.array(manifestPermissionSchema)
})
export type PermissionManifestView = z.infer<typeof permissionManifestSchema>

/** The tenant-wide grant's removal, asked for on YES, DISCONNECT. */
export const disconnectOptionsSchema = z.object({ removePermissions: z.boolean() }).strict()
export type DisconnectOptions = z.infer<typeof disconnectOptionsSchema>

export const disconnectResultSchema = z.discriminatedUnion('permissions', [
  z.object({ permissions: z.literal('kept') }),
  z.object({ permissions: z.literal('removed') }),
  /** Disconnected here, but the grant is still in the tenant: `fix` says how to remove it by hand. */
  z.object({ permissions: z.literal('notRemoved'), title: z.string(), fix: z.string(), details: microsoftDetailsSchema.nullable() })
])
export type DisconnectResult = z.infer<typeof disconnectResultSchema>

/** The activity history: what happened to a connection, kept after the connection is gone. */
export const activityEntrySchema = z.object({
  id: z.string(),
  at: instant,
  kind: z.enum(['connected', 'reconnected', 'disconnected', 'permissionsRemoved', 'permissionsNotRemoved']),
  tenant: tenantSchema,
  account: z.string(),
  /** A sentence for people, e.g. "Disconnected by MeganB@contoso.onmicrosoft.com". */
  summary: z.string()
})
export type ActivityEntry = z.infer<typeof activityEntrySchema>
