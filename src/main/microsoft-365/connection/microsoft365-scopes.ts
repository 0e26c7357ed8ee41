import type { CloudEndpoints } from '../cloud-profiles.ts'
import { grantRemovalPermission, manifestPermissionsOn } from '../permission-manifest.ts'

/** The manifest's permissions as token requests name them, in this cloud's resource identifiers. */
export function manifestScopes(endpoints: CloudEndpoints): { graph: string[]; management: string[] } {
  return {
    graph: manifestPermissionsOn('graph').map((name) => `${endpoints.graphResource}/${name}`),
    management: manifestPermissionsOn('management').map((name) => `${endpoints.managementResource}/${name}`)
  }
}

export function grantRemovalScope(endpoints: CloudEndpoints): string {
  return `${endpoints.graphResource}/${grantRemovalPermission.name}`
}
