import { describe, expect, it } from 'vitest'
import { connectFailureSchema } from '../../src/shared/microsoft-365.ts'
import type { PermissionGrant } from '../../src/main/microsoft-365/graph/permission-grants.ts'
import {
  missingTenantWidePermissions,
  tenantWideConsentFailure,
  tenantWideScopesOf,
  type TenantWideConsentVerdict
} from '../../src/main/microsoft-365/prerequisites/tenant-wide-consent-check.ts'
import { readFixtureJson } from '../support/microsoft-fixtures.ts'

const graphId = 'graph-sp'

function grant(resourceId: string, scope: string, consentType = 'AllPrincipals'): PermissionGrant {
  return { id: `${resourceId}-${consentType}`, clientId: 'console-sp', consentType, principalId: consentType === 'Principal' ? 'megan' : null, resourceId, scope }
}

describe('tenantWideScopesOf', () => {
  it('sorts Microsoft’s example grants by resource, with the scopes as Entra spells them', () => {
    const { value } = readFixtureJson('graph.oauth2PermissionGrants.list.json') as { value: PermissionGrant[] }
    const scopes = tenantWideScopesOf(value, { graph: '943603e4-e787-4fe9-93d1-e30f749aae39', management: '1804a6f8-e623-4520-8f40-ba1b0c11c42d' })
    expect(scopes.graph).toContain('Directory.Read.All')
    expect(scopes.management).toEqual(['User.Read', 'Group.ReadWrite.All'])
  })

  it('ignores grants for one user, grants on other resources, and a resource the tenant lacks', () => {
    const grants = [grant(graphId, 'Directory.Read.All', 'Principal'), grant('someone-else', 'ActivityFeed.Read'), grant(graphId, ' openid  Directory.Read.All')]
    expect(tenantWideScopesOf(grants, { graph: graphId, management: null })).toEqual({ graph: ['openid', 'Directory.Read.All'], management: [] })
  })
})

describe('missingTenantWidePermissions', () => {
  it('finds nothing missing in the manifest’s grant, compared without case', () => {
    expect(missingTenantWidePermissions({ graph: ['openid', 'directory.read.all'], management: ['ACTIVITYFEED.READ'] })).toEqual([])
  })

  it('names what each resource lacks, and does not count a permission granted on the other resource', () => {
    expect(missingTenantWidePermissions({ graph: ['ActivityFeed.Read'], management: ['Directory.Read.All'] })).toEqual(['Directory.Read.All', 'ActivityFeed.Read'])
    expect(missingTenantWidePermissions({ graph: ['User.Read', 'Organization.Read.All', 'Application.Read.All'], management: ['ActivityFeed.Read'] })).toEqual([
      'Directory.Read.All'
    ])
  })
})

describe('tenantWideConsentFailure', () => {
  const verdicts: TenantWideConsentVerdict[] = [
    { kind: 'noServicePrincipal' },
    { kind: 'forAdminOnly' },
    { kind: 'notGranted' },
    { kind: 'missing', permissions: ['Directory.Read.All', 'ActivityFeed.Read'] }
  ]

  it.each(verdicts)('gives $kind a title, and a fix that tells how to grant for the organisation', (verdict) => {
    const failure = tenantWideConsentFailure(verdict)
    expect(connectFailureSchema.parse(failure)).toEqual(failure)
    expect(failure.kind).toBe('tenantWideConsent')
    expect(failure.fix).toContain('Consent on behalf of your organization')
    expect(failure.fix).toContain('Microsoft Entra admin center (Enterprise applications → the app → Permissions)')
  })

  it('says what happened when only the admin’s own consent exists', () => {
    const failure = tenantWideConsentFailure({ kind: 'forAdminOnly' })
    expect(failure.title).toBe('The permissions were accepted for your account only, not for your whole organisation.')
    expect(failure.fix).toMatch(/^That happens when Consent on behalf of your organization is left unticked\./)
  })

  it('lists the missing permissions in plain English', () => {
    expect(tenantWideConsentFailure({ kind: 'missing', permissions: ['Directory.Read.All', 'ActivityFeed.Read'] }).title).toBe(
      'The console’s permissions for your organisation are missing Directory.Read.All and ActivityFeed.Read.'
    )
  })
})
