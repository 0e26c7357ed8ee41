import { z } from 'zod'

/**
 * Things the console must tell the administrator about itself, shown in the top bar's notice area.
 * Later issues add offline and keychain notices here.
 */
export const noticeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('stateRecovered'),
    id: z.string(),
    /** Where the unreadable state file was kept, so support can look at it. */
    backupFile: z.string(),
    reason: z.string()
  }),
  z.object({ kind: z.literal('keychainUnavailable'), id: z.string(), reason: z.string() })
])
export type Notice = z.infer<typeof noticeSchema>
