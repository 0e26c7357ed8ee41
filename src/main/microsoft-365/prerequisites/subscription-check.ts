import type { Client } from '@microsoft/microsoft-graph-client'
import { z } from 'zod'
import type { ConnectFailure } from '../../../shared/microsoft-365.ts'
import { readCollection } from '../graph/graph-collection.ts'
import { exchangeMailboxPlans, frontlinePlans, includesPlanOf, sharePointPlans } from './business-basic-plans.ts'

const subscribedSku = z.object({
  capabilityStatus: z.string(),
  prepaidUnits: z.object({ enabled: z.number() }),
  servicePlans: z.array(z.object({ servicePlanId: z.string(), servicePlanName: z.string().optional() })),
  skuPartNumber: z.string().optional()
})
export type SubscribedSku = z.infer<typeof subscribedSku>

/**
 * - `qualifies`: Business Basic or higher is active;
 * - `none`: the tenant has no subscription at all;
 * - `inactive`: one would qualify, but it is suspended, locked out or has no licences left;
 * - `frontlineOnly`: the active ones are frontline (F1, F3), whose kiosk mail and SharePoint fall short;
 * - `belowBusinessBasic`: anything else, such as Exchange Online alone or Microsoft 365 Apps.
 */
export type SubscriptionVerdict = 'qualifies' | 'none' | 'inactive' | 'frontlineOnly' | 'belowBusinessBasic'

/**
 * Business Basic or higher is one SKU, Enabled or Warning (in its grace period), with licences, whose
 * plans hold a full Exchange mailbox and SharePoint (DESIGN.md).
 */
export function assessSubscribedSkus(skus: readonly SubscribedSku[]): SubscriptionVerdict {
  if (skus.length === 0) return 'none'
  const active = skus.filter((sku) => (sku.capabilityStatus === 'Enabled' || sku.capabilityStatus === 'Warning') && sku.prepaidUnits.enabled > 0)
  if (active.some(isBusinessBasicOrHigher)) return 'qualifies'
  if (skus.some(isBusinessBasicOrHigher)) return 'inactive'
  if (active.some((sku) => includesPlanOf(sku.servicePlans, frontlinePlans))) return 'frontlineOnly'
  return 'belowBusinessBasic'
}

function isBusinessBasicOrHigher(sku: SubscribedSku): boolean {
  return includesPlanOf(sku.servicePlans, exchangeMailboxPlans) && includesPlanOf(sku.servicePlans, sharePointPlans)
}

const upgrade =
  'Upgrade to Microsoft 365 Business Basic or higher in the Microsoft 365 admin center (Billing → Purchase services), then select CONNECT again.'

/** What the admin reads for each verdict but `qualifies`. */
export function subscriptionFailure(verdict: Exclude<SubscriptionVerdict, 'qualifies'>): ConnectFailure {
  const failure = (title: string, fix: string): ConnectFailure => ({ kind: 'subscription', title, fix, details: null })
  switch (verdict) {
    case 'none':
      return failure('This Microsoft 365 tenant has no subscription.', upgrade)
    case 'frontlineOnly':
      return failure(
        'This tenant has only a frontline subscription, such as Microsoft 365 F1, which is below Business Basic.',
        'Upgrade to Microsoft 365 Business Basic or higher, which includes full Exchange Online mailboxes and SharePoint, in the Microsoft 365 admin center (Billing → Purchase services), then select CONNECT again.'
      )
    case 'inactive':
      return failure(
        'This tenant’s Microsoft 365 Business Basic or higher subscription is not active.',
        'Reactivate it, or add licences, in the Microsoft 365 admin center (Billing → Your products), then select CONNECT again.'
      )
    case 'belowBusinessBasic':
      return failure('None of this tenant’s subscriptions is Microsoft 365 Business Basic or higher.', upgrade)
  }
}

/** The manual's first prerequisite: "A minimum subscription of Microsoft 365 Business Basic". Null when it is met. */
export async function checkSubscription(graph: Client): Promise<ConnectFailure | null> {
  const skus = await readCollection(graph, graph.api('/subscribedSkus'), subscribedSku, 'the subscriptions')
  const verdict = assessSubscribedSkus(skus)
  return verdict === 'qualifies' ? null : subscriptionFailure(verdict)
}
