import type { SkuKey } from './sku-catalog.ts'
import type { ResourceApi } from './resource-apis.ts'

/** The records a tenant world is made of, shaped after the Graph resources they stand for. */
export type CapabilityStatus = 'Enabled' | 'Warning' | 'Suspended' | 'LockedOut'

export interface SubscriptionRecord {
  sku: SkuKey
  subscriptionId: string
  capabilityStatus: CapabilityStatus
  enabledUnits: number
  suspendedUnits: number
  consumedUnits: number
}

export interface TenantRecord {
  id: string
  displayName: string
  defaultDomain: string
  countryLetterCode: string
  city: string
  createdDateTime: string
  subscriptions: SubscriptionRecord[]
  auditLogEnabled: boolean
  /** Object ids of the activated directoryRole objects, by role template id. */
  directoryRoleIds: Map<string, string>
}

export interface UserRecord {
  id: string
  tenantId: string
  userPrincipalName: string
  displayName: string
  givenName: string
  surname: string
  jobTitle: string
  roleTemplateIds: Set<string>
  /** When refresh tokens were last revoked (ms), as after a password reset; Entra names it in its error. */
  tokensValidFrom: number
  /**
   * How many times they were revoked. A refresh token remembers the count it was issued under, so a
   * revocation in the same millisecond as an issue still tells the two apart.
   */
  refreshTokenRevocations: number
  mfaRequired: boolean
}

export interface ClientApplicationRecord {
  appId: string
  displayName: string
  publisherTenantId: string
  publisherName: string
  /** The registration's configured API permissions, by resource app id: what `.default` asks for. */
  configuredPermissions: Readonly<Record<string, readonly string[]>>
}

export interface ServicePrincipalRecord {
  id: string
  tenantId: string
  appId: string
  displayName: string
  appOwnerOrganizationId: string
  publisherName: string
  createdDateTime: string
  resourceApi: ResourceApi | undefined
}

export type ConsentType = 'AllPrincipals' | 'Principal'

export interface PermissionGrantRecord {
  id: string
  tenantId: string
  clientId: string
  consentType: ConsentType
  principalId: string | null
  resourceId: string
  scope: string
}

export interface ConsentRequest {
  tenantId: string
  userId: string
  clientAppId: string
  resourceAppId: string
  scopes: readonly string[]
  tenantWide: boolean
}
