import { describe, expect, it } from 'vitest'
import { connectFailureSchema } from '../../src/shared/microsoft-365.ts'
import { assessSubscribedSkus, subscriptionFailure, type SubscribedSku } from '../../src/main/microsoft-365/prerequisites/subscription-check.ts'
import { readFixtureJson } from '../support/microsoft-fixtures.ts'

const mailbox = { servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', servicePlanName: 'EXCHANGE_S_STANDARD' }
const sharePoint = { servicePlanId: 'c7699d2e-19aa-44de-8edf-1736da088ca1', servicePlanName: 'SHAREPOINTSTANDARD' }
const kioskMailbox = { servicePlanId: '4a82b400-a79f-41a4-b4e2-e94f5787b113', servicePlanName: 'EXCHANGE_S_DESKLESS' }
const kioskSharePoint = { servicePlanId: '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9', servicePlanName: 'SHAREPOINTDESKLESS' }
const officeForTheWeb = { servicePlanId: 'e95bec33-7c88-4a70-8e19-b10bd9d0c014', servicePlanName: 'SHAREPOINTWAC' }
const exchangeFoundation = { servicePlanId: '113feb6c-3fe4-4440-bddc-54d774bf0318', servicePlanName: 'EXCHANGE_S_FOUNDATION' }

function sku(plans: SubscribedSku['servicePlans'], capabilityStatus = 'Enabled', enabled = 25, skuPartNumber = 'ANY'): SubscribedSku {
  return { capabilityStatus, prepaidUnits: { enabled }, servicePlans: plans, skuPartNumber }
}

describe('assessSubscribedSkus', () => {
  it('qualifies a SKU with a mailbox plan and a SharePoint plan, Enabled or in its Warning grace period', () => {
    expect(assessSubscribedSkus([sku([mailbox, sharePoint])])).toBe('qualifies')
    expect(assessSubscribedSkus([sku([mailbox, sharePoint], 'Warning')])).toBe('qualifies')
  })

  it('matches plans, not part numbers: a renamed SKU still counts, and a familiar name without the plans does not', () => {
    expect(assessSubscribedSkus([sku([mailbox, sharePoint], 'Enabled', 25, 'SOMETHING_NEW_2031')])).toBe('qualifies')
    expect(assessSubscribedSkus([sku([officeForTheWeb, exchangeFoundation], 'Enabled', 25, 'O365_BUSINESS_ESSENTIALS')])).toBe('belowBusinessBasic')
  })

  it('matches plan IDs whatever their case', () => {
    expect(assessSubscribedSkus([sku([{ ...mailbox, servicePlanId: mailbox.servicePlanId.toUpperCase() }, sharePoint])])).toBe('qualifies')
  })

  it('wants both plans in the same SKU', () => {
    expect(assessSubscribedSkus([sku([mailbox]), sku([sharePoint])])).toBe('belowBusinessBasic')
  })

  it('tells no subscription apart from a frontline-only one', () => {
    expect(assessSubscribedSkus([])).toBe('none')
    expect(assessSubscribedSkus([sku([kioskMailbox, kioskSharePoint, officeForTheWeb])])).toBe('frontlineOnly')
  })

  it('calls a qualifying SKU that is suspended, locked out or without licences inactive', () => {
    expect(assessSubscribedSkus([sku([mailbox, sharePoint], 'Suspended', 0)])).toBe('inactive')
    expect(assessSubscribedSkus([sku([mailbox, sharePoint], 'LockedOut', 0)])).toBe('inactive')
    expect(assessSubscribedSkus([sku([mailbox, sharePoint], 'Enabled', 0)])).toBe('inactive')
  })

  it('lets one active qualifying SKU win over others that do not qualify', () => {
    expect(assessSubscribedSkus([sku([kioskMailbox, kioskSharePoint]), sku([mailbox, sharePoint], 'Suspended', 0), sku([mailbox, sharePoint])])).toBe('qualifies')
  })

  it('reads Microsoft’s documented example (an E5 listed with one plan, a suspended CRM) as not qualifying', () => {
    const { value } = readFixtureJson('graph.subscribedSkus.list.json') as { value: SubscribedSku[] }
    expect(assessSubscribedSkus(value)).toBe('belowBusinessBasic')
  })
})

describe('subscriptionFailure', () => {
  it.each(['none', 'frontlineOnly', 'inactive', 'belowBusinessBasic'] as const)('gives %s its own title, a fix and no details', (verdict) => {
    const failure = subscriptionFailure(verdict)
    expect(connectFailureSchema.parse(failure)).toEqual(failure)
    expect(failure.kind).toBe('subscription')
    expect(failure.details).toBeNull()
    expect(failure.fix).toMatch(/select CONNECT again\.$/)
  })

  it('never gives two verdicts the same title', () => {
    const titles = (['none', 'frontlineOnly', 'inactive', 'belowBusinessBasic'] as const).map((verdict) => subscriptionFailure(verdict).title)
    expect(new Set(titles).size).toBe(titles.length)
  })

  it('says to upgrade to Business Basic or higher when there is none, or only F1', () => {
    expect(subscriptionFailure('none').fix).toMatch(/^Upgrade to Microsoft 365 Business Basic or higher/)
    expect(subscriptionFailure('frontlineOnly').fix).toMatch(/^Upgrade to Microsoft 365 Business Basic or higher/)
  })
})
