import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createMicrosoftGraphClient } from '../../src/main/microsoft-365/graph/microsoft-graph-client.ts'
import { checkPrerequisites } from '../../src/main/microsoft-365/prerequisites/check-prerequisites.ts'
import type { PrerequisiteReport } from '../../src/main/microsoft-365/prerequisites/prerequisite-report.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { signInOverHttp } from '../support/entra-http-sign-in.ts'
import { closedPort } from '../support/closed-port.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const alex = 'AlexW@fabrikam.onmicrosoft.com'
/** What Accept with "Consent on behalf of your organization" leaves when the console asks for its manifest. */
const manifestGrant = { graph: ['openid', 'profile', 'offline_access', 'Directory.Read.All'], management: ['ActivityFeed.Read'] }

let sandbox: SandboxTenant

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
afterAll(() => sandbox.close())
beforeEach(() => {
  sandbox.scenario.reset()
  sandbox.scenario.setGrantedPermissions(manifestGrant)
})

function check(options: { account?: string; scopes?: string[]; graphEndpoint?: string } = {}): Promise<PrerequisiteReport> {
  const { account = megan, scopes = ['Directory.Read.All'], graphEndpoint = sandbox.baseUrl } = options
  const graph = createMicrosoftGraphClient({
    graphEndpoint,
    accessToken: () => Promise.resolve(sandbox.issueAccessToken({ userPrincipalName: account, resource: 'graph', scopes })),
    retry: { delaySeconds: 0, maxRetries: 0 }
  })
  return checkPrerequisites({ graph, clientId: sandbox.clientId })
}

function failureOf(report: PrerequisiteReport) {
  if (report.ok) throw new Error(`expected a failure, got ${JSON.stringify(report)}`)
  return report.failure
}

describe('the prerequisite checks against the sandbox tenant, with the real Graph client', () => {
  it('pass for Megan at Contoso, and report the tenant, the account and the tenant-wide grant of both resources', async () => {
    expect(await check()).toEqual({
      ok: true,
      tenant: { id: sandbox.tenantId, name: 'Contoso', domain: 'contoso.onmicrosoft.com' },
      account: megan,
      grantedPermissions: ['openid', 'profile', 'offline_access', 'Directory.Read.All', 'ActivityFeed.Read']
    })
  })

  it('pass with Business Basic, the minimum the manual names', async () => {
    sandbox.scenario.setSubscription('businessBasic')
    expect((await check()).ok).toBe(true)
  })

  describe('the subscription', () => {
    it('fails with no subscription at all, and says to upgrade', async () => {
      sandbox.scenario.setSubscription('none')
      expect(failureOf(await check())).toEqual({
        kind: 'subscription',
        title: 'This Microsoft 365 tenant has no subscription.',
        fix: 'Upgrade to Microsoft 365 Business Basic or higher in the Microsoft 365 admin center (Billing → Purchase services), then select CONNECT again.',
        details: null
      })
    })

    it('fails for Fabrikam, whose only subscription is F1, with its own title', async () => {
      const failure = failureOf(await check({ account: alex }))
      expect(failure.kind).toBe('subscription')
      expect(failure.title).toBe('This tenant has only a frontline subscription, such as Microsoft 365 F1, which is below Business Basic.')
      expect(failure.fix).toMatch(/^Upgrade to Microsoft 365 Business Basic or higher/)
    })

    it('fails for F1 at Contoso too, where the account is a Global Administrator with a full grant', async () => {
      sandbox.scenario.setSubscription('f1Only')
      expect(failureOf(await check()).title).toContain('frontline')
    })

    it('fails for a suspended Business Premium, and says to reactivate it', async () => {
      sandbox.scenario.setSubscription('suspended')
      const failure = failureOf(await check())
      expect(failure).toMatchObject({ kind: 'subscription', title: 'This tenant’s Microsoft 365 Business Basic or higher subscription is not active.' })
      expect(failure.fix).toContain('Reactivate it')
    })

    it('comes first: with no subscription and no Global Administrator, the subscription is what the admin hears about', async () => {
      sandbox.scenario.setSubscription('none')
      sandbox.scenario.setGlobalAdministrator(null)
      expect(failureOf(await check()).kind).toBe('subscription')
    })
  })

  describe('the Global Administrator role', () => {
    it('fails for Megan once she is demoted to Cloud Application Administrator', async () => {
      sandbox.scenario.setGlobalAdministrator(null)
      const failure = failureOf(await check())
      expect(failure).toMatchObject({ kind: 'globalAdministrator', title: `${megan} is not a Global Administrator.`, details: null })
      expect(failure.fix).toMatch(/^Sign in with a Global Administrator account/)
    })

    it('fails for Adele, who holds no directory role at all', async () => {
      expect(failureOf(await check({ account: 'AdeleV@contoso.onmicrosoft.com' }))).toMatchObject({
        kind: 'globalAdministrator',
        title: 'AdeleV@contoso.onmicrosoft.com is not a Global Administrator.'
      })
    })

    it('says it could not tell, rather than guess, when the token reads roles with limited information only', async () => {
      // LicenseAssignment.Read.All reads the subscriptions, so the role check is the one that meets the limit.
      const failure = failureOf(await check({ scopes: ['User.Read', 'LicenseAssignment.Read.All'] }))
      expect(failure.kind).toBe('globalAdministrator')
      expect(failure.title).toBe(
        'The console could not tell whether this account is a Global Administrator, because its permissions do not let it read directory roles.'
      )
      expect(failure.fix).toContain('Directory.Read.All')
    })
  })

  describe('the tenant-wide consent', () => {
    it('fails when the admin accepted for herself only, and names the checkbox', async () => {
      sandbox.scenario.reset()
      await signInOverHttp(sandbox, {
        account: megan,
        onBehalfOfOrganisation: false,
        overrides: { scope: 'https://graph.microsoft.com/Directory.Read.All https://manage.office.com/ActivityFeed.Read openid profile offline_access' }
      })
      expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })

      const failure = failureOf(await check())
      expect(failure).toMatchObject({ kind: 'tenantWideConsent', title: 'The permissions were accepted for your account only, not for your whole organisation.' })
      expect(failure.fix).toContain('tick Consent on behalf of your organization')
      expect(failure.fix).toContain('Enterprise applications → the app → Permissions')
    })

    it('fails, naming the permission, when the tenant-wide grant lacks ActivityFeed.Read on the Management APIs', async () => {
      sandbox.scenario.setGrantedPermissions({ management: [] })
      expect(failureOf(await check())).toMatchObject({
        kind: 'tenantWideConsent',
        title: 'The console’s permissions for your organisation are missing ActivityFeed.Read.'
      })
    })

    it('fails, naming Directory.Read.All, for a grant an older release left (User.Read, Organization.Read.All, Application.Read.All)', async () => {
      sandbox.scenario.setGrantedPermissions({ graph: ['openid', 'User.Read', 'Organization.Read.All', 'Application.Read.All'] })
      expect(failureOf(await check()).title).toBe(
        'The console’s permissions for your organisation are missing Directory.Read.All.'
      )
    })

    it('fails when the consent was revoked in the tenant', async () => {
      sandbox.scenario.revokeConsent()
      expect(failureOf(await check())).toMatchObject({ kind: 'tenantWideConsent', title: 'The console’s permissions have not been granted for your organisation.' })
    })

    it('fails when the tenant never met the console’s app', async () => {
      sandbox.scenario.reset()
      expect(failureOf(await check())).toMatchObject({
        kind: 'tenantWideConsent',
        title: 'Microsoft 365 has no record of the console’s app in this tenant, so the console holds no permissions there.'
      })
    })
  })

  describe('when Microsoft does not answer', () => {
    it('a lasting 503 outage is a microsoft failure that says to try again in a few minutes, with Graph’s code and request-id', async () => {
      sandbox.scenario.setOutage('graph')
      const failure = failureOf(await check())
      expect(failure).toMatchObject({
        kind: 'microsoft',
        title: 'Microsoft 365 did not answer while the console was checking the prerequisites.',
        fix: 'This is usually temporary. Try again in a few minutes: select CONNECT again.',
        details: { code: 'serviceNotAvailable', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown }
      })
    })

    it('throttling that outlasts the retries says the same, with TooManyRequests', async () => {
      sandbox.scenario.throttle('graph', 1)
      expect(failureOf(await check())).toMatchObject({ kind: 'microsoft', details: { code: 'TooManyRequests' } })
    })

    it('an outage that starts after the first calls still fails the step it hits', async () => {
      // /me and /organization get through; /subscribedSkus meets the outage.
      let calls = 0
      const graph = createMicrosoftGraphClient({
        graphEndpoint: sandbox.baseUrl,
        accessToken: () => {
          if (calls++ === 2) sandbox.scenario.setOutage('graph')
          return Promise.resolve(sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes: ['Directory.Read.All'] }))
        },
        retry: { delaySeconds: 0, maxRetries: 0 }
      })
      expect(failureOf(await checkPrerequisites({ graph, clientId: sandbox.clientId })).kind).toBe('microsoft')
      expect(calls).toBe(3)
    })

    it('a refused connection is a network failure that names the error', async () => {
      const failure = failureOf(await check({ graphEndpoint: `http://127.0.0.1:${await closedPort()}/` }))
      expect(failure).toMatchObject({
        kind: 'network',
        title: 'The console could not reach Microsoft 365 to check the prerequisites.',
        details: { code: 'ECONNREFUSED' }
      })
    })

    it('a token that could not be had is a sign-in failure, and nothing is sent', async () => {
      const graph = createMicrosoftGraphClient({
        graphEndpoint: sandbox.baseUrl,
        accessToken: () => Promise.reject(Object.assign(new Error('no token'), { code: 'interactionRequired' }))
      })
      expect(failureOf(await checkPrerequisites({ graph, clientId: sandbox.clientId }))).toMatchObject({
        kind: 'signIn',
        details: { code: 'interactionRequired' }
      })
    })
  })
})
