import { skuCatalog } from '../world/sku-catalog.ts'
import type { TenantRecord } from '../world/world-records.ts'
import type { SandboxContext } from '../sandbox-context.ts'
import type { ServiceFaults, SandboxService } from './service-faults.ts'
import type { TokenLifetimes } from './token-lifetimes.ts'

export interface GrantedPermissions {
  graph: string[]
  management: string[]
}

export interface ScenarioSnapshot {
  tenantId: string
  globalAdministrators: string[]
  subscriptions: Array<{ skuPartNumber: string; capabilityStatus: string }>
  auditLogEnabled: boolean
  grantedPermissions: GrantedPermissions
  mfaRequired: string[]
  outages: Array<{ service: SandboxService; remainingRequests: number | null }>
  throttling: Array<{ service: SandboxService; retryAfterSeconds: number; remainingRequests: number | null }>
  batchItemThrottling: { retryAfterSeconds: number; remainingRequests: number | null } | null
  latencyMs: number
  tokenLifetimes: TokenLifetimes
  echoDefaultScope: boolean
}

type FaultsSnapshot = Pick<ScenarioSnapshot, 'outages' | 'throttling' | 'batchItemThrottling' | 'latencyMs'>

export function describeFaults(faults: ServiceFaults): FaultsSnapshot {
  const batchItems = faults.batchItemThrottling
  return {
    outages: [...faults.outages].map(([service, fault]) => ({ service, remainingRequests: fault.remaining })),
    throttling: [...faults.throttling].map(([service, fault]) => ({
      service,
      retryAfterSeconds: fault.retryAfterSeconds,
      remainingRequests: fault.remaining
    })),
    batchItemThrottling: batchItems ? { retryAfterSeconds: batchItems.retryAfterSeconds, remainingRequests: batchItems.remaining } : null,
    latencyMs: faults.latencyMs
  }
}

/** The scenario as `GET /_sandbox/scenario` describes it: the primary tenant, the faults and the token settings. */
export function describeScenario(context: SandboxContext, tenant: TenantRecord, grantedPermissions: GrantedPermissions): ScenarioSnapshot {
  const users = context.world.usersOf(tenant.id)
  return {
    tenantId: tenant.id,
    globalAdministrators: users.filter((user) => context.world.isGlobalAdministrator(user)).map((user) => user.userPrincipalName),
    subscriptions: tenant.subscriptions.map((s) => ({
      skuPartNumber: skuCatalog[s.sku].skuPartNumber,
      capabilityStatus: s.capabilityStatus
    })),
    auditLogEnabled: tenant.auditLogEnabled,
    grantedPermissions,
    mfaRequired: users.filter((user) => user.mfaRequired).map((user) => user.userPrincipalName),
    ...describeFaults(context.faults),
    tokenLifetimes: { ...context.tokenLifetimes },
    echoDefaultScope: context.tokenAnswers.echoDefaultScope
  }
}
