import { z } from 'zod'

/**
 * Things the console must tell the administrator about itself, shown in the top bar's notice area.
 */
export const noticeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('stateRecovered'),
    id: z.string(),
    /** Where the unreadable state file was kept, so support can look at it. */
    backupFile: z.string(),
    reason: z.string()
  }),
  z.object({ kind: z.literal('keychainUnavailable'), id: z.string(), reason: z.string() }),
  /**
   * The last heartbeat could not reach Microsoft because the network is down: what the console shows
   * is what it stored, as of `lastHeartbeatAt`.
   */
  z.object({ kind: z.literal('offline'), id: z.string(), since: z.iso.datetime({ offset: true }), lastHeartbeatAt: z.iso.datetime({ offset: true }).nullable() })
])
export type Notice = z.infer<typeof noticeSchema>
