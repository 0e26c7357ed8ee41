import type { TenantRecord } from '../world/world-records.ts'

/** The content types the Activity API serves (reference, "Working with the Office 365 Management Activity API"). */
export const activityContentTypes = ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'Audit.General', 'DLP.All'] as const
export type ActivityContentType = (typeof activityContentTypes)[number]

export interface ActivityWebhook {
  status: 'enabled'
  address: string
  authId: string | null
  expiration: string | null
}

export interface ActivitySubscription {
  contentType: ActivityContentType
  status: 'enabled'
  webhook: ActivityWebhook | null
}

export function findContentType(value: string): ActivityContentType | undefined {
  return activityContentTypes.find((type) => type.toLowerCase() === value.toLowerCase())
}

/**
 * The started subscriptions, per tenant. Keyed by the tenant's record, so that a scenario reset,
 * which seeds new records, also forgets them, as a fresh tenant would have none.
 */
export class ActivitySubscriptions {
  private readonly byTenant = new WeakMap<TenantRecord, ActivitySubscription[]>()

  list(tenant: TenantRecord): ActivitySubscription[] {
    return [...(this.byTenant.get(tenant) ?? [])]
  }

  find(tenant: TenantRecord, contentType: ActivityContentType): ActivitySubscription | undefined {
    return this.byTenant.get(tenant)?.find((subscription) => subscription.contentType === contentType)
  }

  start(tenant: TenantRecord, subscription: ActivitySubscription): void {
    const current = (this.byTenant.get(tenant) ?? []).filter((existing) => existing.contentType !== subscription.contentType)
    this.byTenant.set(tenant, [...current, subscription])
  }
}
