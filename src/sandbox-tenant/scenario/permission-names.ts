import { findPermission, microsoftGraph, officeManagementApis, type ResourceApi } from '../world/resource-apis.ts'
import { ScenarioError } from './scenario-error.ts'

/**
 * Finds the resource of a permission named the way people write it: `User.Read`,
 * `https://graph.microsoft.com/User.Read` or `https://manage.office.com/ActivityFeed.Read`.
 */
export function resolvePermission(permission: string): { api: ResourceApi; value: string } {
  const managementPrefix = `${officeManagementApis.identifierUri}/`
  const graphPrefix = `${microsoftGraph.identifierUri}/`
  if (permission.toLowerCase().startsWith(managementPrefix)) {
    return { api: officeManagementApis, value: permission.slice(managementPrefix.length) }
  }
  const value = permission.toLowerCase().startsWith(graphPrefix) ? permission.slice(graphPrefix.length) : permission
  if (findPermission(microsoftGraph, value)) return { api: microsoftGraph, value }
  if (findPermission(officeManagementApis, value)) return { api: officeManagementApis, value }
  throw new ScenarioError(`No resource publishes the permission ${permission}.`)
}
