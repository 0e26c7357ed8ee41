import { probeAuditLog } from '../src/main/microsoft-365/audit-log/audit-log-probe.ts'
import { odataString } from '../src/main/microsoft-365/graph/graph-collection.ts'
import { permissionGrantFilter } from '../src/main/microsoft-365/graph/permission-grants.ts'
import { resourceAppIds } from '../src/main/microsoft-365/graph/service-principals.ts'

export interface SequentialProbeTarget {
  graphEndpoint: string
  managementEndpoint: string
  tenantId: string
  clientId: string
  graphToken: () => Promise<string>
  managementToken: () => Promise<string>
}

/**
 * The baseline the heartbeat is measured against: the same checks written the obvious way, one
 * plain fetch at a time, each waiting for the one before (the grant read needs the console's
 * service principal id), then the same audit-log probe. It fails on any answer a heartbeat would
 * not call Connected, so it cannot look cheap by doing less.
 */
export async function sequentialHeartbeatProbe(target: SequentialProbeTarget): Promise<void> {
  const token = await target.graphToken()
  const root = target.graphEndpoint.endsWith('/') ? target.graphEndpoint : `${target.graphEndpoint}/`
  const read = async (path: string): Promise<unknown> => {
    const answer = await fetch(new URL(`v1.0${path}`, root), { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } })
    if (!answer.ok) throw new Error(`the baseline's GET ${path} answered ${answer.status}`)
    return answer.json()
  }
  const servicePrincipalId = async (appId: string) => {
    const { id } = (await read(`/servicePrincipals(appId=${odataString(appId)})?$select=id,appId`)) as { id?: unknown }
    if (typeof id !== 'string') throw new Error(`the baseline found no service principal for ${appId}`)
    return id
  }

  await read('/organization?$select=id,displayName,verifiedDomains')
  const consoleId = await servicePrincipalId(target.clientId)
  await servicePrincipalId(resourceAppIds.microsoftGraph)
  await servicePrincipalId(resourceAppIds.officeManagementApis)
  const filter = permissionGrantFilter({ clientId: consoleId, consentType: 'AllPrincipals' })
  const { value } = (await read(`/oauth2PermissionGrants?$filter=${encodeURIComponent(filter)}`)) as { value?: unknown }
  if (!Array.isArray(value) || value.length === 0) throw new Error('the baseline found no tenant-wide grant')

  const auditLog = await probeAuditLog({ managementEndpoint: target.managementEndpoint, tenantId: target.tenantId, accessToken: target.managementToken })
  if (auditLog.state !== 'on') throw new Error(`the baseline's audit-log probe said ${auditLog.state}`)
}
