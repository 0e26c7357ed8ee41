import { z } from 'zod'

export const cloudApplicationIdSchema = z.enum(['microsoft365'])
export type CloudApplicationId = z.infer<typeof cloudApplicationIdSchema>

export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string()
})
export type Tenant = z.infer<typeof tenantSchema>

/** ISO 8601 instants travel as strings so that the same value crosses IPC and HTTP unchanged. */
const instant = z.iso.datetime({ offset: true })

const connectedFields = {
  tenant: tenantSchema,
  /** The admin's UPN who connected it. */
  account: z.string(),
  connectedAt: instant,
  /** The permission manifest's version at connect, and what the tenant-wide grant held then. */
  manifestVersion: z.string(),
  grantedPermissions: z.array(z.string()),
  lastHeartbeatAt: instant.nullable()
}

export const connectionStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('notConnected') }),
  z.object({ status: z.literal('connected'), ...connectedFields }),
  z.object({ status: z.literal('additionalSetupRequired'), ...connectedFields }),
  z.object({ status: z.literal('reconnectRequired'), ...connectedFields }),
  z.object({
    status: z.literal('unreachable'),
    ...connectedFields,
    since: instant,
    lastKnownStatus: z.enum(['connected', 'additionalSetupRequired'])
  })
])
export type ConnectionState = z.infer<typeof connectionStateSchema>
export type ConnectionStatus = ConnectionState['status']

export const cloudApplicationSchema = z.object({
  id: cloudApplicationIdSchema,
  name: z.string(),
  connection: connectionStateSchema
})
export type CloudApplication = z.infer<typeof cloudApplicationSchema>
