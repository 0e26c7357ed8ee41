import { describe, expect, it } from 'vitest'
import { readAdminConsentAnswer } from '../../src/main/microsoft-365/permission-grant/admin-consent-answer.ts'
import { adminConsentUrl, permissionScopes } from '../../src/main/microsoft-365/permission-grant/admin-consent-url.ts'
import { failureForAnswer, timedOutFailure } from '../../src/main/microsoft-365/permission-grant/permission-grant-failures.ts'
import { cloudProfiles } from '../../src/main/microsoft-365/cloud-profiles.ts'
import { readFixtureText } from '../support/microsoft-fixtures.ts'

/** A documented redirect, line-broken in the doc, as the URL a browser would carry. */
function documentedUrl(fixture: string): URL {
  const joined = readFixtureText(fixture)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .join('')
  return new URL(joined.replaceAll(' ', '%20'))
}

describe('the admin consent request', () => {
  const request = {
    endpoints: cloudProfiles.global,
    tenantId: '7f2c9e14-3b8a-4d6f-a1e5-9c0b2d4f6a81',
    clientId: '00001111-aaaa-2222-bbbb-3333cccc4444',
    permissions: ['Directory.Read.All', 'ActivityFeed.Read'],
    redirectUri: 'http://localhost:50123/',
    state: 'a-random-state'
  }

  it('has the documented endpoint and parameters (entra.v2.adminconsent.request.txt), on the connected tenant', () => {
    const documented = documentedUrl('entra.v2.adminconsent.request.txt')
    const url = new URL(adminConsentUrl(request))
    expect(url.pathname).toBe(`/${request.tenantId}/v2.0/adminconsent`)
    expect(url.origin).toBe('https://login.microsoftonline.com')
    expect([...url.searchParams.keys()]).toEqual([...documented.searchParams.keys()])
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: request.clientId,
      scope: 'https://graph.microsoft.com/Directory.Read.All https://manage.office.com/ActivityFeed.Read',
      redirect_uri: 'http://localhost:50123/',
      state: 'a-random-state'
    })
  })

  it("names each permission on its own resource, in the cloud's resource identifiers", () => {
    expect(permissionScopes(cloudProfiles.usGovernment, ['ActivityFeed.Read', 'Directory.Read.All'])).toEqual([
      'https://manage.office365.us/ActivityFeed.Read',
      'https://graph.microsoft.us/Directory.Read.All'
    ])
    expect(permissionScopes(cloudProfiles.global, ['Not.A.Manifest.Permission'])).toEqual([])
  })

  it('works with a login endpoint without a trailing slash, such as a loopback sandbox', () => {
    const url = new URL(adminConsentUrl({ ...request, endpoints: { ...cloudProfiles.global, loginEndpoint: 'http://127.0.0.1:4010' } }))
    expect(`${url.origin}${url.pathname}`).toBe(`http://127.0.0.1:4010/${request.tenantId}/v2.0/adminconsent`)
  })
})

describe("Microsoft's admin consent redirect", () => {
  it('reads the documented success (entra.v2.adminconsent.success.redirect.txt) as a grant, keeping the tenant only to log', () => {
    const answer = readAdminConsentAnswer(documentedUrl('entra.v2.adminconsent.success.redirect.txt').searchParams)
    expect(answer).toEqual({ kind: 'granted', tenant: 'aaaabbbb-0000-cccc-1111-dddd2222eeee' })
  })

  it('reads the documented failure (entra.v2.adminconsent.error.redirect.txt) as declined, though it also says admin_consent=True', () => {
    const query = documentedUrl('entra.v2.adminconsent.error.redirect.txt').searchParams
    expect(query.get('admin_consent')).toBe('True')
    const answer = readAdminConsentAnswer(query)
    expect(answer).toEqual({
      kind: 'refused',
      error: 'consent_required',
      aadsts: 'AADSTS65004',
      details: { code: 'AADSTS65004', requestId: '0000aaaa-11bb-cccc-dd22-eeeeee333333', at: '2019-09-24T18:34:26.000Z' }
    })
    if (answer.kind !== 'refused') throw new Error('expected a refusal')
    const failure = failureForAnswer(answer, 'Contoso')
    expect(failure.title).toMatch(/declined/)
    expect(failure.fix).toMatch(/GRANT PERMISSIONS again.*Global Administrator account of Contoso.*Accept/)
  })

  it('uses the correlation ID when there is no trace ID, and the OAuth error when there is no AADSTS code', () => {
    const answer = readAdminConsentAnswer(
      new URLSearchParams({ error: 'server_error', error_description: 'Something failed.\r\nCorrelation ID: 8478d534-5b2c-4325-8c2c-51395c342c89', state: 's' })
    )
    expect(answer).toMatchObject({ kind: 'refused', aadsts: null, details: { code: 'server_error', requestId: '8478d534-5b2c-4325-8c2c-51395c342c89' } })
    if (answer.kind !== 'refused') throw new Error('expected a refusal')
    expect(failureForAnswer(answer, 'Contoso').title).toBe('Microsoft could not grant the permissions.')
  })

  it('says an account that needs admin approval (AADSTS90094) cannot grant for the organisation', () => {
    const answer = readAdminConsentAnswer(new URLSearchParams({ error: 'access_denied', error_description: 'AADSTS90094: The grant requires admin permission.' }))
    if (answer.kind !== 'refused') throw new Error('expected a refusal')
    expect(failureForAnswer(answer, 'Contoso')).toMatchObject({ title: expect.stringMatching(/cannot grant permissions/) as unknown, details: { code: 'AADSTS90094' } })
  })

  it('treats an answer with neither a grant nor an error as no grant', () => {
    expect(readAdminConsentAnswer(new URLSearchParams({ state: 's', tenant: 'x' }))).toMatchObject({ kind: 'refused', error: 'invalid_response' })
    expect(readAdminConsentAnswer(new URLSearchParams({ admin_consent: 'False' }))).toMatchObject({ kind: 'refused' })
  })

  it('states the time limit in words', () => {
    expect(timedOutFailure(5 * 60_000).title).toContain('within 5 minutes')
    expect(timedOutFailure(60_000).title).toContain('within 1 minute,')
    expect(timedOutFailure(300).title).toContain('within 1 second,')
  })
})
