import { describe, expect, it } from 'vitest'
import { sandboxOnAClock } from '../../support/sandbox-on-a-clock.ts'
import { AuthorizationCodes } from '../../../src/sandbox-tenant/entra/authorization-codes.ts'
import { BrowserSessions } from '../../../src/sandbox-tenant/entra/browser-sessions.ts'
import { SignInFlows } from '../../../src/sandbox-tenant/entra/sign-in-flows.ts'
import {
  authorizeUrl,
  getPage,
  pkcePair,
  postForm,
  readForm,
  redeemCode,
  signInOverHttp,
  standardAuthorizeParameters,
  visibleText
} from '../../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const hour = 60 * 60 * 1000

describe('Entra sign-in state: what a reset forgets and what time drops', () => {
  const tenant = sandboxOnAClock()

  const silentUrl = () => authorizeUrl(tenant.sandbox, standardAuthorizeParameters(pkcePair().challenge, { prompt: 'none' }))

  it('a reset signs every browser out: prompt=none with the old session cookie gets login_required', async () => {
    const { cookie } = await signInOverHttp(tenant.sandbox, { account: megan })
    expect(readForm((await getPage(silentUrl(), cookie ?? '')).html).fields.has('code')).toBe(true)
    tenant.sandbox.scenario.reset()
    const answer = readForm((await getPage(silentUrl(), cookie ?? '')).html)
    expect(answer.fields.get('error')).toBe('login_required')
    expect(answer.fields.get('error_description')).toMatch(/^AADSTS50058: /)
  })

  it('a reset forgets half-finished sign-ins and unredeemed codes', async () => {
    const picker = await getPage(authorizeUrl(tenant.sandbox, standardAuthorizeParameters(pkcePair().challenge)))
    const { answer, verifier } = await signInOverHttp(tenant.sandbox, { account: megan })
    tenant.sandbox.scenario.reset()
    const pick = readForm(picker.html, { name: 'login', value: megan })
    expect(visibleText((await postForm(new URL(pick.action, tenant.sandbox.baseUrl), pick.fields)).html)).toContain('AADSTS50089')
    const { body } = await redeemCode(tenant.sandbox, answer.fields.get('code') ?? '', verifier)
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [70000] })
  })

  it('a sign-in page left open too long asks to start again (AADSTS50089, flow token expired)', async () => {
    const picker = await getPage(authorizeUrl(tenant.sandbox, standardAuthorizeParameters(pkcePair().challenge)))
    tenant.clock += hour
    const pick = readForm(picker.html, { name: 'login', value: megan })
    const page = await postForm(new URL(pick.action, tenant.sandbox.baseUrl), pick.fields)
    expect(page.status).toBe(400)
    expect(visibleText(page.html)).toContain('AADSTS50089: Authentication failed due to flow token expired.')
  })

  it('a browser session ends after a day: prompt=none then gets login_required', async () => {
    const { cookie } = await signInOverHttp(tenant.sandbox, { account: megan })
    tenant.clock += 25 * hour
    expect(readForm((await getPage(silentUrl(), cookie ?? '')).html).fields.get('error')).toBe('login_required')
  })
})

describe('Entra sign-in stores drop expired entries as new ones arrive', () => {
  it('sign-in flows', () => {
    let now = 0
    const flows = new SignInFlows(() => now)
    const start = () => flows.start({} as Parameters<SignInFlows['start']>[0])
    start()
    start()
    now += hour
    start()
    expect(flows.size).toBe(1)
  })

  it('authorization codes, kept a little past expiry so that a late redemption still hears "expired"', () => {
    const codes = new AuthorizationCodes()
    const issue = (issuedAt: number) =>
      codes.issue({ clientId: 'c', redirectUri: 'r', codeChallenge: null, tenantId: 't', userId: 'u', nonce: null, multifactor: false, issuedAt, expiresAt: issuedAt + 600_000 })
    const late = issue(0)
    issue(600_001)
    expect(codes.redeem(late, 600_001)).toEqual({ ok: false, reason: 'expired' })
    issue(hour)
    expect(codes.size).toBe(1)
  })

  it('browser sessions', () => {
    let now = 0
    const sessions = new BrowserSessions(() => now)
    sessions.signIn('a')
    sessions.signIn('b')
    now += 25 * hour
    sessions.signIn('c')
    expect(sessions.size).toBe(1)
  })
})
