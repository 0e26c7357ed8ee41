import { z } from 'zod'
import { microsoftDetailsSchema, manifestPermissionSchema } from './microsoft-365.ts'

/** ISO 8601 instants travel as strings so that the same value crosses IPC and HTTP unchanged. */
const instant = z.iso.datetime({ offset: true })

/** The newest heartbeats kept on disk; older ones are dropped as new ones arrive. */
export const HEARTBEAT_HISTORY_LIMIT = 200

/** What one heartbeat found, in the tile's words. */
export const heartbeatOutcomeSchema = z.enum(['connected', 'additionalSetupRequired', 'reconnectRequired', 'unreachable'])
export type HeartbeatOutcome = z.infer<typeof heartbeatOutcomeSchema>

/** Why a heartbeat ran. */
export const heartbeatTriggerSchema = z.enum(['connect', 'launch', 'interval', 'resume', 'online', 'checkNow', 'retry'])
export type HeartbeatTrigger = z.infer<typeof heartbeatTriggerSchema>

/** One heartbeat, as kept in the history on disk and shown in the status dialog. */
export const heartbeatRecordSchema = z.object({
  id: z.string(),
  /** When it started. */
  at: instant,
  durationMs: z.number().int().nonnegative(),
  trigger: heartbeatTriggerSchema,
  outcome: heartbeatOutcomeSchema,
  /** The tenant-wide grant's permissions as this heartbeat read them; the last known ones when it could not read them. */
  grantedPermissions: z.array(z.string()),
  /** The manifest's permissions the grant lacked. */
  missingPermissions: z.array(z.string()),
  /** What the audit-log probe said, or null when it did not run. */
  auditLog: z.enum(['on', 'appearsOff', 'couldNotBeChecked']).nullable(),
  /** For Unreachable: no network on this computer, or Microsoft not answering (5xx, or 429 after Retry-After). */
  cause: z.enum(['network', 'microsoft']).nullable(),
  /** A sentence for people when the outcome is not Connected: what happened and what to do. */
  reason: z.string().nullable(),
  /** Microsoft's error code and request-id, for support. */
  details: microsoftDetailsSchema.nullable()
})
export type HeartbeatRecord = z.infer<typeof heartbeatRecordSchema>

/** One row of the status dialog's permission list. */
export const permissionStatusSchema = manifestPermissionSchema.extend({ state: z.enum(['granted', 'missing']) })
export type PermissionStatus = z.infer<typeof permissionStatusSchema>

/** GRANT PERMISSIONS: Microsoft's admin consent for the missing permissions, in the system browser. */
export const permissionGrantSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('idle') }),
  /** The browser is open on Microsoft's admin consent; `deadline` is when the console gives up. */
  z.object({ step: z.literal('waitingForBrowser'), startedAt: instant, deadline: instant, permissions: z.array(z.string()) }),
  /** Microsoft granted them; the next heartbeat picks them up. */
  z.object({ step: z.literal('granted'), at: instant, permissions: z.array(z.string()) }),
  z.object({ step: z.literal('failed'), title: z.string(), fix: z.string(), details: microsoftDetailsSchema.nullable() })
])
export type PermissionGrant = z.infer<typeof permissionGrantSchema>

/** What the Microsoft 365 connection status dialog shows besides the connection record itself. */
export const microsoft365StatusSchema = z.object({
  /** The newest first, a short list. */
  recentHeartbeats: z.array(heartbeatRecordSchema),
  /** When the next heartbeat is due, or null when none is scheduled (not connected). */
  nextHeartbeatAt: instant.nullable(),
  /** True while a heartbeat is under way. */
  checking: z.boolean(),
  /** The manifest, each permission Granted or Missing from the last heartbeat that read the grant. */
  permissions: z.array(permissionStatusSchema),
  grant: permissionGrantSchema
})
export type Microsoft365Status = z.infer<typeof microsoft365StatusSchema>

/** How many heartbeats the status dialog lists. */
export const RECENT_HEARTBEATS_SHOWN = 10

/** The heartbeat interval the admin may choose in Settings, in seconds. */
export const heartbeatIntervalChoices = [60, 300, 600, 900, 1800, 3600] as const
export const DEFAULT_HEARTBEAT_SECONDS = 300
export const heartbeatIntervalSchema = z
  .number()
  .int()
  .refine((seconds) => (heartbeatIntervalChoices as readonly number[]).includes(seconds), 'must be one of the offered intervals')
