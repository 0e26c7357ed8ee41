import { describe, expect, it } from 'vitest'
import { tenantOf } from '../../src/main/microsoft-365/prerequisites/signed-in-tenant.ts'
import { readFixtureJson } from '../support/microsoft-fixtures.ts'

describe('tenantOf', () => {
  it('reads Microsoft’s example organization: its id, display name and default verified domain', () => {
    const organisation = readFixtureJson('graph.organization.get.json') as Parameters<typeof tenantOf>[0]
    expect(tenantOf(organisation)).toEqual({ id: '84841066-274d-4ec0-a5c1-276be684bdd3', name: 'Contoso', domain: 'Contoso.com' })
  })

  it('prefers the default domain to the initial one', () => {
    const verifiedDomains = [
      { name: 'contoso.onmicrosoft.com', isDefault: false, isInitial: true },
      { name: 'contoso.com', isDefault: true, isInitial: false }
    ]
    expect(tenantOf({ id: 't', displayName: 'Contoso', verifiedDomains }).domain).toBe('contoso.com')
    expect(tenantOf({ id: 't', displayName: 'Contoso', verifiedDomains: [{ ...verifiedDomains[0]!, isDefault: null }] }).domain).toBe('contoso.onmicrosoft.com')
  })

  it('names a tenant without a display name by its domain', () => {
    expect(tenantOf({ id: 't', displayName: ' ', verifiedDomains: [{ name: 'fabrikam.onmicrosoft.com', isInitial: true }] })).toEqual({
      id: 't',
      name: 'fabrikam.onmicrosoft.com',
      domain: 'fabrikam.onmicrosoft.com'
    })
  })
})
