import { describe, expect, it } from 'vitest'
import { skuCatalog } from '../../../src/sandbox-tenant/world/sku-catalog.ts'
import { readFixtureText } from '../../support/microsoft-fixtures.ts'

/** Rows of fixtures/microsoft/licensing-service-plans.csv: product, string id, SKU id, plans. */
function licensingTable(): Map<string, { productName: string; skuId: string; plans: Map<string, string> }> {
  const rows = new Map<string, { productName: string; skuId: string; plans: Map<string, string> }>()
  for (const line of readFixtureText('licensing-service-plans.csv').split('\n').slice(1)) {
    const match = /^(.*?),([^,]+),([0-9a-f-]{36}),(.*)$/.exec(line)
    if (!match) continue
    const [, productName = '', stringId = '', skuId = '', planCell = ''] = match
    const plans = new Map<string, string>()
    for (const plan of planCell.split('<br/>')) {
      const parsed = /^(.+?) \(([0-9a-f-]{36})\)$/.exec(plan.trim())
      if (parsed?.[1] && parsed[2]) plans.set(parsed[2], parsed[1])
    }
    rows.set(stringId, { productName, skuId, plans })
  }
  return rows
}

describe("the sandbox's SKUs", () => {
  const table = licensingTable()

  it.each(Object.entries(skuCatalog))('%s carries exactly the service plans Microsoft lists for it', (_key, sku) => {
    const row = table.get(sku.skuPartNumber)
    expect(row, sku.skuPartNumber).toBeDefined()
    expect(sku.skuId).toBe(row?.skuId)
    expect(sku.productName).toBe(row?.productName)
    const ours = new Map(sku.servicePlans.map((plan) => [plan.servicePlanId, plan.servicePlanName]))
    expect(ours).toEqual(row?.plans)
  })

  it('gives Business Basic and up an Exchange mailbox plan and a SharePoint plan, and F1 only kiosk plans', () => {
    const names = (key: keyof typeof skuCatalog) => skuCatalog[key].servicePlans.map((plan) => plan.servicePlanName)
    for (const key of ['businessBasic', 'businessPremium', 'office365E3'] as const) {
      expect(names(key).some((name) => /^EXCHANGE_S_(STANDARD|ENTERPRISE)$/.test(name)), key).toBe(true)
      expect(names(key).some((name) => /^SHAREPOINT(STANDARD|ENTERPRISE)$/.test(name)), key).toBe(true)
    }
    expect(names('f1')).toContain('EXCHANGE_S_DESKLESS')
    expect(names('f1')).not.toContain('EXCHANGE_S_STANDARD')
  })
})
