import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import {
  authorizeUrl,
  getPage,
  loopback,
  pkcePair,
  postForm,
  readForm,
  signInOverHttp,
  standardAuthorizeParameters,
  visibleText
} from '../../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const adele = 'AdeleV@contoso.onmicrosoft.com'

describe('Entra /authorize: the sign-in pages and how they answer the app', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.scenario.reset())

  const authorize = (overrides: Record<string, string>, tenant?: string) =>
    getPage(authorizeUrl(sandbox, standardAuthorizeParameters(pkcePair().challenge, overrides), tenant))

  it('"Pick an account" lists every seeded account by name and user principal name', async () => {
    const page = await authorize({})
    expect(page.status).toBe(200)
    const text = visibleText(page.html)
    expect(text).toContain('Pick an account')
    for (const account of sandbox.accounts) {
      expect(text).toContain(account.displayName)
      expect(text).toContain(account.userPrincipalName)
    }
    expect(readForm(page.html).fields.has('flowToken')).toBe(true)
  })

  it('shows an unknown client AADSTS700016 on its own page, and never redirects', async () => {
    const page = await authorize({ client_id: '00000000-0000-0000-0000-000000000009' })
    expect(page.status).toBe(400)
    expect(page.location).toBeNull()
    expect(visibleText(page.html)).toContain('AADSTS700016')
  })

  it.each(['https://evil.example/', 'http://192.168.1.4:8080/', 'http://localhost.evil.example/', 'myapp://auth'])(
    'shows AADSTS50011 for the redirect URI %s instead of sending anything there',
    async (redirectUri) => {
      const page = await authorize({ redirect_uri: redirectUri })
      expect(page.status).toBe(400)
      expect(page.location).toBeNull()
      expect(page.html).not.toContain('<form method="POST"')
      expect(visibleText(page.html)).toContain('AADSTS50011')
    }
  )

  it('accepts any port and path on localhost and 127.0.0.1', async () => {
    for (const redirectUri of ['http://localhost:1234', 'http://127.0.0.1:65000/callback/path']) {
      expect(visibleText((await authorize({ redirect_uri: redirectUri })).html)).toContain('Pick an account')
    }
  })

  it('sends a request without PKCE back to the app with AADSTS9002325, by form POST', async () => {
    const page = await authorize({ code_challenge: '' })
    const answer = readForm(page.html)
    expect(new URL(answer.action).origin).toBe(loopback)
    expect(answer.fields.get('error')).toBe('invalid_request')
    expect(answer.fields.get('error_description')).toMatch(/^AADSTS9002325: /)
    expect(answer.fields.get('state')).toBe('state-123')
    expect(page.html).toContain('<noscript>')
  })

  it('answers response_mode=query with a redirect, e.g. unsupported_response_type', async () => {
    const page = await authorize({ response_mode: 'query', response_type: 'token' })
    expect(page.status).toBe(302)
    const location = new URL(page.location ?? '')
    expect(location.origin).toBe(loopback)
    expect(location.searchParams.get('error')).toBe('unsupported_response_type')
    expect(location.searchParams.get('state')).toBe('state-123')
  })

  it('names the app, its publisher and every permission, with organisation-wide wording for an admin', async () => {
    const picker = await authorize({
      scope: 'User.Read https://graph.microsoft.com/Organization.Read.All https://manage.office.com/ActivityFeed.Read openid offline_access'
    })
    const page = await postForm(new URL(readForm(picker.html).action, sandbox.baseUrl), readForm(picker.html, { name: 'login', value: megan }).fields)
    const text = visibleText(page.html)
    expect(text).toContain('Permissions requested')
    expect(text).toContain('Protection Console')
    expect(text).toContain('Protection Console (sandbox publisher)')
    for (const name of ['Sign in and read user profile', 'Read organization information', 'Read activity data for your organization', 'Sign users in', 'Maintain access to data you have given it access to']) {
      expect(text).toContain(name)
    }
    expect(text).toContain('Allows the app to read the organization and related resources')
    expect(text).toContain('Consent on behalf of your organisation')
    expect(page.html).toMatch(/<button[^>]*value="accept">Accept<\/button>/)
    expect(page.html).toMatch(/<button[^>]*value="cancel">Cancel<\/button>/)
  })

  it('accepting records tenant-wide consent for every resource asked, and posts code, client_info and state', async () => {
    const { answer } = await signInOverHttp(sandbox, {
      account: megan,
      overrides: { scope: 'User.Read https://manage.office.com/ActivityFeed.Read openid profile offline_access' }
    })
    expect([...answer.fields.keys()]).toEqual(['code', 'client_info', 'state'])
    const granted = sandbox.scenario.grantedPermissions()
    expect(granted.graph.sort()).toEqual(['User.Read', 'offline_access', 'openid', 'profile'])
    expect(granted.management).toEqual(['ActivityFeed.Read'])
  })

  it('Cancel posts access_denied with an AADSTS65004 description and the state', async () => {
    const { answer } = await signInOverHttp(sandbox, { account: megan, decision: 'cancel' })
    expect(answer.fields.get('error')).toBe('access_denied')
    expect(answer.fields.get('error_description')).toMatch(/^AADSTS65004: The resource owner or authorization server denied the request\.\r\nTrace ID: /)
    expect(answer.fields.get('state')).toBe('state-123')
    expect(answer.fields.has('code')).toBe(false)
  })

  it('skips the permissions page once everything is granted, and shows it again for prompt=consent', async () => {
    await signInOverHttp(sandbox, { account: megan })
    const again = await signInOverHttp(sandbox, { account: megan, decision: 'cancel' })
    expect(again.answer.fields.has('code')).toBe(true)
    const forced = await signInOverHttp(sandbox, { account: megan, decision: 'cancel', overrides: { prompt: 'consent' } })
    expect(forced.answer.fields.get('error')).toBe('access_denied')
  })

  it('shows a user without an admin role "Need admin approval", whose button returns an error to the app', async () => {
    const picker = await authorize({})
    const page = await postForm(new URL(readForm(picker.html).action, sandbox.baseUrl), readForm(picker.html, { name: 'login', value: adele }).fields)
    expect(visibleText(page.html)).toContain('Need admin approval')
    const back = readForm(page.html, { name: 'decision', value: 'return' })
    const answer = readForm((await postForm(new URL(back.action, sandbox.baseUrl), back.fields)).html)
    expect(answer.fields.get('error')).toBe('access_denied')
    expect(answer.fields.get('error_description')).toMatch(/^AADSTS90094: /)
  })

  it('lets a user without an admin role in once an admin granted the permissions tenant-wide', async () => {
    await signInOverHttp(sandbox, { account: megan })
    const { answer } = await signInOverHttp(sandbox, { account: adele })
    expect(answer.fields.has('code')).toBe(true)
  })

  it("a tenant's own authority turns away another tenant's account with AADSTS50020, and offers a way back", async () => {
    const picker = await authorize({}, 'contoso.onmicrosoft.com')
    const page = await postForm(
      new URL(readForm(picker.html).action, sandbox.baseUrl),
      readForm(picker.html, { name: 'login', value: 'AlexW@fabrikam.onmicrosoft.com' }).fields
    )
    expect(visibleText(page.html)).toContain('AADSTS50020')
    expect(page.html).toContain('Sign in with a different account')
  })

  it('refuses a made-up flow token instead of trusting hidden fields', async () => {
    const page = await postForm(new URL('organizations/login', sandbox.baseUrl), { flowToken: 'forged', login: megan })
    expect(page.status).toBe(400)
    expect(visibleText(page.html)).toContain('AADSTS50089')
  })

  it('prompt=none answers login_required without a session, and a code with one', async () => {
    const none = readForm((await authorize({ prompt: 'none' })).html)
    expect(none.fields.get('error')).toBe('login_required')
    const { cookie } = await signInOverHttp(sandbox, { account: megan })
    const silent = await getPage(authorizeUrl(sandbox, standardAuthorizeParameters(pkcePair().challenge, { prompt: 'none' })), cookie ?? '')
    expect(readForm(silent.html).fields.has('code')).toBe(true)
  })

  it('goes straight to the hinted account when login_hint names one and prompt does not ask to pick', async () => {
    await signInOverHttp(sandbox, { account: megan })
    const page = await authorize({ prompt: '', login_hint: megan })
    expect(readForm(page.html).fields.has('code')).toBe(true)
  })

  it('prompt=select_account wins over login_hint: "Pick an account", no code', async () => {
    await signInOverHttp(sandbox, { account: megan })
    const page = await authorize({ prompt: 'select_account', login_hint: megan })
    expect(visibleText(page.html)).toContain('Pick an account')
    expect(page.html).not.toContain('name="code"')
  })

  it('no other page may frame the authorize page or the form-POST answer', async () => {
    const picker = await fetch(authorizeUrl(sandbox, standardAuthorizeParameters(pkcePair().challenge)))
    const answer = await fetch(authorizeUrl(sandbox, standardAuthorizeParameters(pkcePair().challenge, { code_challenge: '' })))
    expect(await answer.text()).toContain('<form method="POST"')
    for (const response of [picker, answer]) {
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    }
  })
})
