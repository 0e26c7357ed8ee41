import type { TenantWorld } from '../world/tenant-world.ts'
import type { TenantRecord, UserRecord } from '../world/world-records.ts'

/** The `{tenant}` segment of an Entra path: a multi-tenant alias, or one tenant by ID or domain. */
export type Authority =
  | { kind: 'multiTenant'; segment: 'organizations' | 'common' }
  | { kind: 'tenant'; segment: string; tenant: TenantRecord }

export function resolveAuthority(world: TenantWorld, segment: string): Authority | undefined {
  const lower = segment.toLowerCase()
  if (lower === 'organizations' || lower === 'common') return { kind: 'multiTenant', segment: lower }
  const tenant = world.findTenant(lower)
  return tenant ? { kind: 'tenant', segment, tenant } : undefined
}

/** Whether an account may sign in through this authority: a tenant's authority admits only its own users. */
export function admits(authority: Authority, user: UserRecord): boolean {
  return authority.kind === 'multiTenant' || authority.tenant.id === user.tenantId
}

/** `iss` of v2.0 tokens and metadata; `{tenantid}` stays a placeholder on multi-tenant documents. */
export function issuerFor(baseUrl: string, tenantId: string): string {
  return `${baseUrl}${tenantId}/v2.0`
}
