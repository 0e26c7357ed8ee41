import type { CloudEndpoints } from '../cloud-profiles.ts'
import { manifestPermissionsOn } from '../permission-manifest.ts'

/**
 * The named scopes a heartbeat's silent token calls ask for: the manifest's permissions on each
 * resource that the tenant-wide grant held at the last reading. Never `.default`, whose cache entry
 * depends on whether Entra echoes it (DESIGN.md). A permission that a newer release added, or that
 * an admin removed, is left out: asking for it would miss the cache and end in `consent_required`,
 * turning Additional setup required into Reconnect required.
 *
 * Graph falls back to the whole manifest when none is known to be held, since the heartbeat cannot
 * read anything without one; a heartbeat without a management permission skips the audit-log probe.
 */
export function heartbeatScopes(endpoints: CloudEndpoints, grantedPermissions: readonly string[]): { graph: string[]; management: string[] } {
  const held = new Set(grantedPermissions.map((name) => name.toLowerCase()))
  const heldOn = (resource: 'graph' | 'management') => manifestPermissionsOn(resource).filter((name) => held.has(name.toLowerCase()))
  const graph = heldOn('graph')
  return {
    graph: (graph.length > 0 ? graph : manifestPermissionsOn('graph')).map((name) => `${endpoints.graphResource}/${name}`),
    management: heldOn('management').map((name) => `${endpoints.managementResource}/${name}`)
  }
}
