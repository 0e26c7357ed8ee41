import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import {
  authorizeUrl,
  decodeJwt,
  getPage,
  organisationConsentCheckbox,
  pkcePair,
  postForm,
  postToken,
  readForm,
  redeemCode,
  signInOverHttp,
  standardAuthorizeParameters,
  visibleText,
  type HttpPage
} from '../../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'
/** What a user without an admin role may consent to alone, so that Adele reaches the permissions page. */
const userConsentable = 'User.Read openid profile offline_access'
const nothingTenantWide = { graph: [], management: [] }

/**
 * Entra's permissions page at /authorize offers an administrator a "Consent on behalf of your
 * organisation" checkbox, unticked; only ticking it makes the grant tenant-wide (AllPrincipals).
 */
describe('Entra /authorize: consent for oneself or on behalf of the organisation', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.scenario.reset())

  async function permissionsPageFor(account: string, overrides: Record<string, string> = {}): Promise<HttpPage> {
    const picker = await getPage(authorizeUrl(sandbox, standardAuthorizeParameters(pkcePair().challenge, overrides)))
    const pick = readForm(picker.html, { name: 'login', value: account })
    return postForm(new URL(pick.action, sandbox.baseUrl), pick.fields)
  }

  it('shows an administrator the checkbox, unticked, with wording that speaks for both choices', async () => {
    const page = await permissionsPageFor(megan)
    expect(organisationConsentCheckbox(page.html)).not.toBeNull()
    const checkbox = /<input type="checkbox"[^>]*>/.exec(page.html)?.[0] ?? ''
    expect(checkbox).not.toMatch(/\bchecked\b/)
    const text = visibleText(page.html)
    expect(text).toContain('Consent on behalf of your organisation')
    expect(text).toContain('every user in Contoso')
    expect(text).toContain('you consent for yourself only')
  })

  it('unticked: a grant for Megan alone, admin-only permissions included; nothing tenant-wide', async () => {
    const { answer, verifier } = await signInOverHttp(sandbox, { account: megan, onBehalfOfOrganisation: false })
    expect(sandbox.scenario.grantedPermissions()).toEqual(nothingTenantWide)
    const tokens = await redeemCode(sandbox, answer.fields.get('code') ?? '', verifier)
    expect(tokens.status).toBe(200)
    expect(String(decodeJwt(String(tokens.body.access_token)).claims.scp).split(' ')).toContain('Organization.Read.All')
    const refreshed = await postToken(sandbox, {
      client_id: sandbox.clientId,
      grant_type: 'refresh_token',
      refresh_token: String(tokens.body.refresh_token),
      scope: 'https://graph.microsoft.com/Organization.Read.All openid offline_access'
    })
    expect(refreshed.status).toBe(200)
    // Adele is not covered by Megan's own grant.
    expect(visibleText((await permissionsPageFor(adele)).html)).toContain('Need admin approval')
  })

  it('ticked: a tenant-wide grant that lets a user without an admin role in', async () => {
    await signInOverHttp(sandbox, { account: megan, onBehalfOfOrganisation: true })
    expect(sandbox.scenario.grantedPermissions().graph.sort()).toEqual(['Organization.Read.All', 'User.Read', 'offline_access', 'openid', 'profile'])
    const { answer } = await signInOverHttp(sandbox, { account: adele })
    expect(answer.fields.has('code')).toBe(true)
  })

  it('never shows the checkbox to an account that cannot consent for the organisation, and ignores a forged one', async () => {
    const page = await permissionsPageFor(adele, { scope: userConsentable })
    const text = visibleText(page.html)
    expect(text).toContain('Permissions requested')
    expect(text).not.toContain('on behalf of your organisation')
    expect(organisationConsentCheckbox(page.html)).toBeNull()
    const accept = readForm(page.html, { name: 'decision', value: 'accept' })
    accept.fields.set('consentForOrganisation', 'true')
    const answer = readForm((await postForm(new URL(accept.action, sandbox.baseUrl), accept.fields)).html)
    expect(answer.fields.has('code')).toBe(true)
    expect(sandbox.scenario.grantedPermissions()).toEqual(nothingTenantWide)
  })
})
