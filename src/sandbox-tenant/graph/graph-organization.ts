import { skuCatalog } from '../world/sku-catalog.ts'
import type { TenantWorld } from '../world/tenant-world.ts'
import type { TenantRecord } from '../world/world-records.ts'
import { graphError } from './graph-answers.ts'
import type { GraphEnvironment, GraphRoute } from './graph-call.ts'
import { collectionAnswer, entityAnswer, type GraphObject } from './graph-odata.ts'
import { graphPermissions } from './graph-permissions.ts'

// Graph names the workload behind a plan in `assignedPlans[].service`; these are the names it uses
// for the plans the console cares about. Other plans keep their plan name, which Graph also does for some.
const serviceOfPlan: ReadonlyArray<[RegExp, string]> = [
  [/^EXCHANGE_/, 'exchange'],
  [/^SHAREPOINT/, 'SharePoint'],
  [/^MCO/, 'MicrosoftCommunicationsOnline'],
  [/^TEAMS/, 'TeamspaceAPI'],
  [/^INTUNE/, 'SCO'],
  [/^(AAD_PREMIUM|MFA_PREMIUM)/, 'AADPremiumService'],
  [/^RMS_/, 'RMSOnline']
]

function serviceName(servicePlanName: string): string {
  return serviceOfPlan.find(([pattern]) => pattern.test(servicePlanName))?.[1] ?? servicePlanName
}

/** The organization resource with the property set of fixture graph.organization.get.json. */
function organizationEntity(tenant: TenantRecord, world: TenantWorld): GraphObject {
  const plans = tenant.subscriptions.flatMap((subscription) =>
    skuCatalog[subscription.sku].servicePlans.map((plan) => ({
      capabilityStatus: subscription.capabilityStatus === 'Enabled' || subscription.capabilityStatus === 'Warning' ? 'Enabled' : 'Suspended',
      service: serviceName(plan.servicePlanName),
      servicePlanId: plan.servicePlanId
    }))
  )
  const admins = world.usersOf(tenant.id).filter((user) => world.isGlobalAdministrator(user))
  return {
    id: tenant.id,
    deletedDateTime: null,
    businessPhones: [],
    city: tenant.city,
    country: null,
    countryLetterCode: tenant.countryLetterCode,
    createdDateTime: tenant.createdDateTime,
    defaultUsageLocation: tenant.countryLetterCode,
    displayName: tenant.displayName,
    isMultipleDataLocationsForServicesEnabled: null,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    partnerTenantType: null,
    postalCode: null,
    preferredLanguage: 'en',
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: admins.map((user) => user.userPrincipalName),
    tenantType: 'AAD',
    directorySizeQuota: { used: world.usersOf(tenant.id).length + world.servicePrincipals.length, total: 50000 },
    assignedPlans: plans.map((plan) => ({ assignedDateTime: tenant.createdDateTime, ...plan })),
    privacyProfile: { contactEmail: '', statementUrl: '' },
    provisionedPlans: plans.map((plan) => ({ capabilityStatus: plan.capabilityStatus, provisioningStatus: 'Success', service: plan.service })),
    verifiedDomains: [
      { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: tenant.defaultDomain, type: 'Managed' }
    ]
  }
}

/** One subscribedSku per subscription, shaped like fixture graph.subscribedSkus.list.json. */
function subscribedSkus(tenant: TenantRecord): GraphObject[] {
  return tenant.subscriptions.map((subscription) => {
    const sku = skuCatalog[subscription.sku]
    const disabled = subscription.capabilityStatus === 'Suspended' || subscription.capabilityStatus === 'LockedOut'
    return {
      accountName: tenant.displayName,
      accountId: tenant.id,
      appliesTo: 'User',
      capabilityStatus: subscription.capabilityStatus,
      consumedUnits: subscription.consumedUnits,
      id: `${tenant.id}_${sku.skuId}`,
      prepaidUnits: {
        enabled: subscription.enabledUnits,
        lockedOut: subscription.capabilityStatus === 'LockedOut' ? subscription.suspendedUnits : 0,
        suspended: subscription.capabilityStatus === 'Suspended' ? subscription.suspendedUnits : 0,
        warning: subscription.capabilityStatus === 'Warning' ? subscription.enabledUnits : 0
      },
      servicePlans: sku.servicePlans.map((plan) => ({
        servicePlanId: plan.servicePlanId,
        servicePlanName: plan.servicePlanName,
        provisioningStatus: disabled ? 'Disabled' : 'Success',
        appliesTo: 'User'
      })),
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      subscriptionIds: [subscription.subscriptionId]
    }
  })
}

export function organizationRoutes(environment: GraphEnvironment): GraphRoute[] {
  const tenantOf = (tenantId: string) => environment.world.tenant(tenantId)
  return [
    {
      method: 'GET',
      pattern: 'organization',
      endpoint: {
        scopes: graphPermissions.readOrganization,
        handle: (call) => {
          const tenant = tenantOf(call.claims.tenantId)
          return collectionAnswer(environment, call, 'organization', tenant ? [organizationEntity(tenant, environment.world)] : [])
        }
      }
    },
    {
      method: 'GET',
      pattern: 'organization/{id}',
      endpoint: {
        scopes: graphPermissions.readOrganization,
        handle: (call, [id = '']) => {
          const tenant = tenantOf(call.claims.tenantId)
          if (!tenant || tenant.id !== id.toLowerCase()) {
            return graphError(call.ids, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`)
          }
          return entityAnswer(environment, call, 'organization', organizationEntity(tenant, environment.world))
        }
      }
    },
    {
      method: 'GET',
      pattern: 'subscribedSkus',
      endpoint: {
        scopes: graphPermissions.readSubscribedSkus,
        handle: (call) => {
          const tenant = tenantOf(call.claims.tenantId)
          return collectionAnswer(environment, call, 'subscribedSkus', tenant ? subscribedSkus(tenant) : [])
        }
      }
    }
  ]
}
