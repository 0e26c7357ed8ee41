import { z } from 'zod'
import { connectionStateSchema } from '../../shared/cloud-applications.ts'

/** What the console keeps on disk between launches. Secrets never live here. */
export const consoleStateSchema = z.object({
  connections: z.object({
    microsoft365: connectionStateSchema.optional()
  })
})
export type ConsoleState = z.infer<typeof consoleStateSchema>

export const emptyConsoleState: ConsoleState = { connections: {} }

/** Bump with a new entry in `stateMigrations` whenever `consoleStateSchema` changes shape. */
export const STATE_VERSION = '1.0.0'
