import { subscription } from '../world/seed-world.ts'
import type { SubscriptionRecord } from '../world/world-records.ts'

/** The subscription situations an administrator may be in, from qualifying to none at all. */
export const subscriptionScenarios = [
  'businessBasic',
  'businessPremium',
  'office365E3',
  'f1Only',
  'none',
  'suspended'
] as const
export type SubscriptionScenario = (typeof subscriptionScenarios)[number]

export function subscriptionsFor(plan: SubscriptionScenario): SubscriptionRecord[] {
  switch (plan) {
    case 'businessBasic':
      return [subscription('businessBasic', 'Enabled', 25, 12)]
    case 'businessPremium':
      return [subscription('businessPremium', 'Enabled', 25, 14)]
    case 'office365E3':
      return [subscription('office365E3', 'Enabled', 50, 31)]
    case 'f1Only':
      return [subscription('f1', 'Enabled', 10, 3)]
    case 'none':
      return []
    case 'suspended':
      return [subscription('businessPremium', 'Suspended', 25, 14)]
  }
}
