import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { readFixtureText } from '../../support/microsoft-fixtures.ts'
import { getPage, postForm, readForm, visibleText, type HttpPage } from '../../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'
const redirectUri = 'http://localhost:53172/permissions'
const scope = 'https://graph.microsoft.com/Organization.Read.All https://manage.office.com/ActivityFeed.Read'

/** Parameter names, in order, of a documented redirect (line-broken in the doc). */
function documentedParameters(fixture: string): string[] {
  return [...readFixtureText(fixture).matchAll(/[?&]([a-z_]+)=/g)].map((match) => match[1] ?? '')
}

describe('Entra /v2.0/adminconsent, held against the documented redirects', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.scenario.reset())

  async function consent(account: string, decision?: string, tenant = 'organizations', scopes = scope): Promise<HttpPage> {
    const url = new URL(`${tenant}/v2.0/adminconsent`, sandbox.baseUrl)
    url.search = new URLSearchParams({ client_id: sandbox.clientId, scope: scopes, redirect_uri: redirectUri, state: '12345' }).toString()
    const picker = await getPage(url)
    const pick = readForm(picker.html, { name: 'login', value: account })
    const page = await postForm(new URL(pick.action, sandbox.baseUrl), pick.fields)
    if (!decision) return page
    const form = readForm(page.html, { name: 'decision', value: decision })
    return postForm(new URL(form.action, sandbox.baseUrl), form.fields)
  }

  it('Accept redirects like entra.v2.adminconsent.success.redirect.txt and grants tenant-wide', async () => {
    const page = await consent(megan, 'accept')
    expect(page.status).toBe(302)
    const location = new URL(page.location ?? '')
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri)
    expect([...location.searchParams.keys()]).toEqual(documentedParameters('entra.v2.adminconsent.success.redirect.txt'))
    expect(Object.fromEntries(location.searchParams)).toEqual({ admin_consent: 'True', tenant: sandbox.tenantId, scope, state: '12345' })
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: ['Organization.Read.All'], management: ['ActivityFeed.Read'] })
  })

  it(".default asks for the registration's configured permissions, and Accept grants them all", async () => {
    const defaults = 'https://graph.microsoft.com/.default https://manage.office.com/.default'
    const listed = visibleText((await consent(megan, undefined, 'organizations', defaults)).html)
    expect(listed).toContain('Read directory data')
    expect(listed).toContain('Read activity data for your organization')
    // The write permission is asked for by name at disconnect only, never through `.default`.
    expect(listed).not.toContain('Manage all delegated permission grants')
    sandbox.scenario.reset()
    const page = await consent(megan, 'accept', 'organizations', defaults)
    expect(new URL(page.location ?? '').searchParams.get('admin_consent')).toBe('True')
    expect(sandbox.scenario.grantedPermissions()).toEqual({
      graph: ['openid', 'profile', 'offline_access', 'Directory.Read.All'],
      management: ['ActivityFeed.Read']
    })
  })

  it('the consent page speaks for the organisation and lists both resources', async () => {
    const text = visibleText((await consent(megan)).html)
    expect(text).toContain('Permissions requested')
    expect(text).toContain('Accept on behalf of your organisation')
    expect(text).toContain('Read organization information')
    expect(text).toContain('Read activity data for your organization')
  })

  it('Cancel redirects like entra.v2.adminconsent.error.redirect.txt, with AADSTS65004', async () => {
    const page = await consent(megan, 'cancel')
    const location = new URL(page.location ?? '')
    expect([...location.searchParams.keys()]).toEqual(documentedParameters('entra.v2.adminconsent.error.redirect.txt'))
    expect(location.searchParams.get('admin_consent')).toBe('True')
    expect(location.searchParams.get('error')).toBe('consent_required')
    expect(location.searchParams.get('error_description')).toMatch(
      /^AADSTS65004: The resource owner or authorization server denied the request\.\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/
    )
    expect(location.searchParams.get('state')).toBe('12345')
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
  })

  it('an account without an admin role sees "Need admin approval" and grants nothing', async () => {
    const page = await consent(adele)
    expect(visibleText(page.html)).toContain('Need admin approval')
    const back = readForm(page.html, { name: 'decision', value: 'return' })
    const answer = await postForm(new URL(back.action, sandbox.baseUrl), back.fields)
    expect(new URL(answer.location ?? '').searchParams.get('error')).toBe('access_denied')
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
  })

  it('a tenant authority admits only its own admins', async () => {
    const page = await consent('AlexW@fabrikam.onmicrosoft.com', undefined, sandbox.tenantId)
    expect(visibleText(page.html)).toContain('AADSTS50020')
  })

  it('refuses a non-loopback redirect URI on its own page', async () => {
    const url = new URL('organizations/v2.0/adminconsent', sandbox.baseUrl)
    url.search = new URLSearchParams({ client_id: sandbox.clientId, scope, redirect_uri: 'https://evil.example/x' }).toString()
    const page = await getPage(url)
    expect(page.status).toBe(400)
    expect(page.location).toBeNull()
    expect(visibleText(page.html)).toContain('AADSTS50011')
  })
})
