import { z } from 'zod'
import { connectionStateSchema } from '../../shared/cloud-applications.ts'
import { heartbeatIntervalSchema, heartbeatRecordSchema } from '../../shared/heartbeat.ts'
import { activityEntrySchema } from '../../shared/microsoft-365.ts'
import { cloudProfileIdSchema } from '../../shared/settings.ts'

/** What the admin chose in Settings; the environment still wins over it (DESIGN.md). */
export const savedSettingsSchema = z.object({
  clientId: z.string().nullable(),
  cloud: cloudProfileIdSchema
})
export type SavedSettings = z.infer<typeof savedSettingsSchema>

/** The newest entries are kept; an admin reads the recent past here, not an audit trail. */
export const ACTIVITY_LIMIT = 200

/** What the console keeps on disk between launches. Secrets never live here. */
export const consoleStateSchema = z.object({
  connections: z.object({
    microsoft365: connectionStateSchema.optional()
  }),
  /**
   * Which account in the token cache the connection signs in with. MSAL's home account ID is two
   * object IDs, not a secret, and it never crosses to the page.
   */
  microsoft365SignIn: z
    .object({
      homeAccountId: z.string(),
      /** The console's service principal object id in the tenant, learnt by the first heartbeat so the next ones filter its grant in one round trip. */
      consoleServicePrincipalId: z.string().optional()
    })
    .optional(),
  activity: z.array(activityEntrySchema),
  settings: savedSettingsSchema.optional(),
  /** Whether the admin wants update checks; absent means yes. */
  updateChecks: z.boolean().optional(),
  /** The Microsoft 365 connection's heartbeats, newest first, at most HEARTBEAT_HISTORY_LIMIT; emptied at disconnect. */
  microsoft365Heartbeats: z.array(heartbeatRecordSchema),
  /** The heartbeat interval chosen in Settings, in seconds; absent means the default. */
  heartbeatSeconds: heartbeatIntervalSchema.optional()
})
export type ConsoleState = z.infer<typeof consoleStateSchema>

export const emptyConsoleState: ConsoleState = { connections: {}, activity: [], microsoft365Heartbeats: [] }

/** Bump with a new entry in `stateMigrations` whenever `consoleStateSchema` changes shape. */
export const STATE_VERSION = '1.2.0'
