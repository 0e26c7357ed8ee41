import { z } from 'zod'
import { guidPattern } from './guid.ts'

/** The Microsoft clouds the console can sign in to. `sandbox` is the built-in simulation, for demos. */
export const cloudProfileIdSchema = z.enum(['global', 'usGovernment', 'china', 'sandbox'])
export type CloudProfileId = z.infer<typeof cloudProfileIdSchema>


/** What the admin saves in Settings. A client ID is needed for every cloud but the sandbox. */
export const settingsInputSchema = z
  .object({
    clientId: z.string().trim().regex(guidPattern, 'must be a GUID like 00000000-0000-0000-0000-000000000000').nullable(),
    cloud: cloudProfileIdSchema
  })
  .strict()
export type SettingsInput = z.infer<typeof settingsInputSchema>

/** Where a value in effect came from, in DESIGN.md's order; `environment` cannot be edited here. */
export const settingSourceSchema = z.enum(['environment', 'settings', 'builtIn', 'default'])
export type SettingSource = z.infer<typeof settingSourceSchema>

export const settingsViewSchema = z.object({
  clientId: z.object({ value: z.string().nullable(), source: settingSourceSchema }),
  cloud: z.object({ value: cloudProfileIdSchema.nullable(), source: settingSourceSchema }),
  /** What sign-in will use now: a tenant, the built-in sandbox, or nothing until a client ID is saved. */
  effective: z.enum(['tenant', 'builtInSandbox', 'unconfigured']),
  /** False while the environment decides, or while a connection or a connect exists (disconnect first). */
  editable: z.boolean(),
  /** Why not, when not editable. */
  lockedReason: z.string().nullable(),
  /** Whether an installed console looks for updates; CONSOLE_UPDATES=off decides it from the environment. */
  updateChecks: z.object({ value: z.boolean(), source: z.enum(['environment', 'settings', 'default']) }),
  /** How often the heartbeat runs; CONSOLE_HEARTBEAT_SECONDS decides it from the environment. Not locked by a connection. */
  heartbeatInterval: z.object({ seconds: z.number().int().positive(), source: z.enum(['environment', 'settings', 'default']) })
})
export type SettingsView = z.infer<typeof settingsViewSchema>
