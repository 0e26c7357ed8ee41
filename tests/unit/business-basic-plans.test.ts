import { describe, expect, it } from 'vitest'
import { exchangeMailboxPlans, frontlinePlans, sharePointPlans, type ServicePlan } from '../../src/main/microsoft-365/prerequisites/business-basic-plans.ts'
import { assessSubscribedSkus } from '../../src/main/microsoft-365/prerequisites/subscription-check.ts'
import { readFixtureText } from '../support/microsoft-fixtures.ts'

interface Product {
  productName: string
  stringId: string
  plans: Array<{ servicePlanName: string; servicePlanId: string }>
}

/** Microsoft's licensing reference (licensing-service-plans.csv): one product a line, its plans as `NAME (id)` joined by `<br/>`. */
function products(): Product[] {
  return readFixtureText('licensing-service-plans.csv')
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const row = /^(.*),([^,]*),([0-9a-f-]{36}),(.*)$/.exec(line.trim())
      if (!row) return []
      const plans = (row[4] ?? '').split('<br/>').flatMap((cell) => {
        const plan = /^(.+?) ?\(([0-9a-f-]{36})\)$/.exec(cell.trim())
        return plan ? [{ servicePlanName: plan[1] ?? '', servicePlanId: plan[2] ?? '' }] : []
      })
      return [{ productName: row[1] ?? '', stringId: row[2] ?? '', plans }]
    })
}

/** A product as GET /subscribedSkus would list it, enabled with licences. */
function active(product: Product) {
  return { capabilityStatus: 'Enabled', prepaidUnits: { enabled: 10 }, servicePlans: product.plans, skuPartNumber: product.stringId }
}

describe('the plans that make Business Basic or higher, held against Microsoft’s licensing reference', () => {
  const table = products()
  const byName = (name: string) => table.filter((product) => product.productName === name)

  it('reads the reference', () => {
    expect(table.length).toBeGreaterThan(100)
  })

  it.each([...exchangeMailboxPlans, ...sharePointPlans, ...frontlinePlans])('$servicePlanName has the ID $servicePlanId there', (plan: ServicePlan) => {
    const found = table.flatMap((product) => product.plans).filter((candidate) => candidate.servicePlanId === plan.servicePlanId)
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((candidate) => candidate.servicePlanName === plan.servicePlanName)).toBe(true)
  })

  it.each([
    'Microsoft 365 Business Basic',
    'Microsoft 365 Business Standard',
    'Microsoft 365 Business Premium',
    'Office 365 E1',
    'Office 365 E3',
    'Office 365 E5',
    'Microsoft 365 E3',
    'Microsoft 365 E5',
    'Office 365 A1 for students',
    'Office 365 G3 GCC',
    'Office 365 G1 GCC'
  ])('%s qualifies', (name) => {
    expect(byName(name).length).toBeGreaterThan(0)
    for (const product of byName(name)) expect(assessSubscribedSkus([active(product)]), product.stringId).toBe('qualifies')
  })

  it.each(['Microsoft 365 F1', 'Microsoft 365 F3', 'Office 365 F3'])('%s is frontline only', (name) => {
    expect(byName(name).length).toBeGreaterThan(0)
    for (const product of byName(name)) expect(assessSubscribedSkus([active(product)]), product.stringId).toBe('frontlineOnly')
  })

  it.each(['Exchange Online (Plan 1)', 'Microsoft 365 Apps for Business', 'Microsoft 365 Apps for enterprise', 'Microsoft 365 E5 Compliance'])(
    '%s falls short: it lacks a mailbox or SharePoint',
    (name) => {
      expect(byName(name).length).toBeGreaterThan(0)
      for (const product of byName(name)) expect(assessSubscribedSkus([active(product)]), product.stringId).toBe('belowBusinessBasic')
    }
  )
})
