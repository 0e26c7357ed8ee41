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
