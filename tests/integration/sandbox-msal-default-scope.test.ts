import { PublicClientApplication, type AccountInfo, type AuthenticationResult } from '@azure/msal-node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { loopback, signInOverHttp } from '../support/entra-http-sign-in.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const defaultGraph = ['https://graph.microsoft.com/.default']
const userRead = ['https://graph.microsoft.com/User.Read']
const signInScopes = ['https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com/Organization.Read.All']

/**
 * The real msal-node's cache against the sandbox's `.default` answers (DESIGN.md, "`.default` and
 * the cache"). The sign-in goes through the sandbox's pages over HTTP and MSAL redeems the code, so
 * no browser is needed; the sandbox counts what reaches its token endpoint.
 */
describe('msal-node caches .default tokens under the scope the sandbox answers', () => {
  let sandbox: SandboxTenant
  let authorityMetadata: string

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
    const response = await fetch(new URL('organizations/v2.0/.well-known/openid-configuration', sandbox.baseUrl))
    const metadata = (await response.json()) as Record<string, unknown>
    authorityMetadata = JSON.stringify({ ...metadata, issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' })
  })
  afterAll(() => sandbox?.close())
  beforeEach(() => sandbox.scenario.reset())

  async function signedInAsMegan(): Promise<{ app: PublicClientApplication; account: AccountInfo }> {
    const app = new PublicClientApplication({
      auth: { clientId: sandbox.clientId, authority: 'https://login.microsoftonline.com/organizations', authorityMetadata }
    })
    const { answer, verifier } = await signInOverHttp(sandbox, { account: megan })
    const result = await app.acquireTokenByCode({
      code: answer.fields.get('code') ?? '',
      scopes: [...signInScopes, 'openid', 'profile', 'offline_access'],
      redirectUri: loopback,
      codeVerifier: verifier
    })
    if (!result.account) throw new Error('MSAL returned no account.')
    return { app, account: result.account }
  }

  /** Runs a silent request and tells how many requests it sent to the token endpoint. */
  async function silently(app: PublicClientApplication, account: AccountInfo, scopes: string[]) {
    const before = sandbox.tokenRequests()
    const result: AuthenticationResult = await app.acquireTokenSilent({ account, scopes })
    return { result, tokenRequests: sandbox.tokenRequests() - before }
  }

  it('with the .default echo, a second silent .default request is served from the cache', async () => {
    const { app, account } = await signedInAsMegan()
    const first = await silently(app, account, defaultGraph)
    // The sign-in's token was cached under named scopes, so the first .default request refreshes.
    expect(first.tokenRequests).toBe(1)
    expect(first.result.fromCache).toBe(false)
    expect(first.result.scopes).toEqual(expect.arrayContaining(['https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com/.default']))

    const second = await silently(app, account, defaultGraph)
    expect(second.tokenRequests).toBe(0)
    expect(second.result.fromCache).toBe(true)
    expect(second.result.accessToken).toBe(first.result.accessToken)
  })

  it('without the echo, every silent .default request spends a refresh grant, while named scopes hit the cache', async () => {
    sandbox.scenario.echoDefaultScope(false)
    const { app, account } = await signedInAsMegan()
    const first = await silently(app, account, defaultGraph)
    expect(first.tokenRequests).toBe(1)
    const second = await silently(app, account, defaultGraph)
    expect(second.tokenRequests).toBe(1)
    expect(second.result.fromCache).toBe(false)
    expect(second.result.scopes).not.toContain('https://graph.microsoft.com/.default')

    const named = await silently(app, account, userRead)
    expect(named.tokenRequests).toBe(0)
    expect(named.result.fromCache).toBe(true)
    expect(named.result.accessToken).toBe(second.result.accessToken)
  })
})
