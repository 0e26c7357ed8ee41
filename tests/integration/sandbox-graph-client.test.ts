import { BatchRequestContent, BatchResponseContent, GraphError, PageIterator, ResponseType, type PageCollection } from '@microsoft/microsoft-graph-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import {
  AccessTokenUnavailableError,
  ForeignGraphHostError,
  GraphUnreachableError
} from '../../src/main/microsoft-365/graph/graph-client-errors.ts'
import { createMicrosoftGraphClient } from '../../src/main/microsoft-365/graph/microsoft-graph-client.ts'
import { describeGraphFailure } from '../../src/main/microsoft-365/microsoft-details.ts'
import { closedPort } from '../support/closed-port.ts'

let sandbox: SandboxTenant
const megan = 'MeganB@contoso.onmicrosoft.com'
// The permission manifest's one Graph permission.
const scopes = ['Directory.Read.All']
const globalAdministratorTemplate = '62e90394-69f5-4237-9190-012177145e10'

function client(options: { token?: () => string; retry?: { delaySeconds?: number; maxRetries?: number } } = {}) {
  return createMicrosoftGraphClient({
    graphEndpoint: sandbox.baseUrl,
    accessToken: options.token ?? (() => sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes })),
    retry: options.retry ?? { delaySeconds: 0, maxRetries: 3 }
  })
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught
  )
}

async function graphErrorOf(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(GraphError)
  return error as GraphError
}

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
afterEach(() => sandbox.scenario.reset())
afterAll(() => sandbox.close())

describe('the real Microsoft Graph JS client v3 against the sandbox', () => {
  it('reads /me, /subscribedSkus and the directoryRole cast the way the console checks prerequisites', async () => {
    const graph = client()
    const me = (await graph.api('/me').get()) as { userPrincipalName: string }
    expect(me.userPrincipalName).toBe(megan)
    const skus = (await graph.api('/subscribedSkus').get()) as { value: Array<{ skuPartNumber: string; prepaidUnits: { enabled: number } }> }
    expect(skus.value.map((sku) => sku.skuPartNumber)).toEqual(['SPB'])
    // The manifest's Directory.Read.All reads directory roles in full; with User.Read alone Graph hides
    // the role's template (limited information).
    const roles = (await graph.api('/me/transitiveMemberOf/microsoft.graph.directoryRole').get()) as { value: Array<{ roleTemplateId: string }> }
    expect(roles.value.map((role) => role.roleTemplateId)).toContain(globalAdministratorTemplate)
    const userReadOnly = client({ token: () => sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes: ['User.Read'] }) })
    const limited = (await userReadOnly.api('/me/transitiveMemberOf/microsoft.graph.directoryRole').get()) as { value: Array<Record<string, unknown>> }
    expect(limited.value.map((role) => Object.keys(role).sort())).toContainEqual(['@odata.type', 'id'])
  })

  it('finds the tenant-wide grant with .filter() on oauth2PermissionGrants', async () => {
    sandbox.scenario.setGrantedPermissions({ graph: ['openid', 'profile', 'offline_access', 'Directory.Read.All'], management: ['ActivityFeed.Read'] })
    const graph = client()
    const sp = (await graph.api(`/servicePrincipals(appId='${sandbox.clientId}')`).get()) as { id: string }
    const grants = (await graph
      .api('/oauth2PermissionGrants')
      .filter(`clientId eq '${sp.id}' and consentType eq 'AllPrincipals'`)
      .get()) as { value: Array<{ scope: string }> }
    expect(grants.value.map((grant) => grant.scope).sort()).toEqual(['ActivityFeed.Read', 'openid profile offline_access Directory.Read.All'])
  })

  it('pages through grants with PageIterator and by following @odata.nextLink', async () => {
    sandbox.scenario.setGrantedPermissions({ graph: ['Directory.Read.All'], management: ['ActivityFeed.Read'] })
    const graph = client()
    const all = (await graph.api('/oauth2PermissionGrants').get()) as { value: Array<{ id: string }> }
    expect(all.value).toHaveLength(2)
    const firstPage = (await graph.api('/oauth2PermissionGrants').top(1).get()) as PageCollection
    expect(firstPage['@odata.nextLink']).toBeDefined()
    const seen: string[] = []
    await new PageIterator(graph, firstPage, (grant: { id: string }) => {
      seen.push(grant.id)
      return true
    }).iterate()
    expect(seen.sort()).toEqual(all.value.map((grant) => grant.id).sort())
    const secondPage = (await graph.api(String(firstPage['@odata.nextLink'])).get()) as PageCollection
    expect(secondPage.value).toHaveLength(1)
    expect(secondPage['@odata.nextLink']).toBeUndefined()
  })

  it('sends a $batch built with BatchRequestContent and reads it with BatchResponseContent, 424 included', async () => {
    const graph = client()
    const request = (path: string) => new Request(`${sandbox.baseUrl}v1.0/${path}`, { method: 'GET' })
    const send = async (content: BatchRequestContent) =>
      new BatchResponseContent((await graph.api('/$batch').post(await content.getContent())) as never)
    // The client accepts dependsOn only in its "same dependency" or "serial" forms.
    const same = await send(
      new BatchRequestContent([
        { id: '1', request: request('me') },
        { id: '2', request: request('subscribedSkus'), dependsOn: ['1'] },
        { id: '3', request: request('no-such-thing'), dependsOn: ['1'] }
      ])
    )
    expect([1, 2, 3].map((id) => same.getResponseById(String(id)).status)).toEqual([200, 200, 400])
    expect(((await same.getResponseById('1').json()) as { userPrincipalName: string }).userPrincipalName).toBe(megan)
    const serial = await send(
      new BatchRequestContent([
        { id: '1', request: request('no-such-thing') },
        { id: '2', request: request('me'), dependsOn: ['1'] }
      ])
    )
    expect(serial.getResponseById('2').status).toBe(424)
  })

  it('throttles single requests inside a $batch with 429 and their own Retry-After, which the RetryHandler leaves to the caller', async () => {
    sandbox.scenario.throttleBatchItems(7, 1)
    const request = (path: string) => new Request(`${sandbox.baseUrl}v1.0/${path}`, { method: 'GET' })
    const content = new BatchRequestContent([
      { id: '1', request: request('me') },
      { id: '2', request: request('subscribedSkus'), dependsOn: ['1'] }
    ])
    const batch = new BatchResponseContent((await client().api('/$batch').post(await content.getContent())) as never)
    const throttled = batch.getResponseById('1')
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('Retry-After')).toBe('7')
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests')
    expect(batch.getResponseById('2').status).toBe(424)
    expect(sandbox.scenario.snapshot().batchItemThrottling).toBeNull()
  })

  it('waits out a 429 for its Retry-After with the library RetryHandler, then succeeds', async () => {
    sandbox.scenario.throttle('graph', 1, 1)
    const started = Date.now()
    const me = (await client().api('/me').get()) as { userPrincipalName: string }
    expect(me.userPrincipalName).toBe(megan)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })

  it('retries a passing 503, and surfaces a lasting outage as a GraphError with statusCode 503', async () => {
    sandbox.scenario.setOutage('graph', 1)
    expect(((await client().api('/organization').get()) as { value: unknown[] }).value).toHaveLength(1)
    sandbox.scenario.setOutage('graph')
    const error = await graphErrorOf(client({ retry: { delaySeconds: 0, maxRetries: 1 } }).api('/me').get())
    expect(error.statusCode).toBe(503)
    expect(error.code).toBe('serviceNotAvailable')
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('gets 401 InvalidAuthenticationToken for an expired token and for one from another sandbox', async () => {
    sandbox.scenario.setTokenLifetimes({ accessTokenSeconds: 1 })
    const token = sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes })
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const expired = await graphErrorOf(client({ token: () => token }).api('/me').get())
    expect(expired.statusCode).toBe(401)
    expect(expired.code).toBe('InvalidAuthenticationToken')
    expect(expired.message).toBe('Access token has expired or is not yet valid.')
    const other = await startSandboxTenant()
    try {
      const foreign = other.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes })
      const error = await graphErrorOf(client({ token: () => foreign }).api('/me').get())
      expect(error.statusCode).toBe(401)
    } finally {
      await other.close()
    }
  })

  it('sends the bearer token and a client-request-id, which Graph echoes', async () => {
    const seen: string[] = []
    const graph = createMicrosoftGraphClient({
      graphEndpoint: sandbox.baseUrl,
      accessToken: () => {
        const token = sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes })
        seen.push(token)
        return Promise.resolve(token)
      }
    })
    const raw = (await graph.api('/me').responseType(ResponseType.RAW).get()) as Response
    expect(raw.status).toBe(200)
    expect(seen).toHaveLength(1)
    expect(raw.headers.get('client-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(raw.headers.get('client-request-id')).not.toBe(raw.headers.get('request-id'))
  })

  it('never sends the token to another host, even when a link names one', async () => {
    let asked = 0
    const graph = createMicrosoftGraphClient({
      graphEndpoint: sandbox.baseUrl,
      accessToken: () => {
        asked += 1
        return Promise.resolve(sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes }))
      }
    })
    const elsewhere = await rejectionOf(graph.api('http://127.0.0.2:9/v1.0/me').get())
    expect(elsewhere).toBeInstanceOf(ForeignGraphHostError)
    expect(asked).toBe(0)
  })

  it('keeps a token source’s failure, unsent, as AccessTokenUnavailableError with its cause', async () => {
    const cause = Object.assign(new Error('no token'), { code: 'interactionRequired' })
    const graph = createMicrosoftGraphClient({ graphEndpoint: sandbox.baseUrl, accessToken: () => Promise.reject(cause) })
    const error = await rejectionOf(graph.api('/me').get())
    expect(error).toBeInstanceOf(AccessTokenUnavailableError)
    expect((error as AccessTokenUnavailableError).cause).toBe(cause)
  })

  it('reports a refused connection as GraphUnreachableError whose cause names ECONNREFUSED', async () => {
    const graph = createMicrosoftGraphClient({ graphEndpoint: `http://127.0.0.1:${await closedPort()}/`, accessToken: () => Promise.resolve('token') })
    const error = await rejectionOf(graph.api('/me').get())
    expect(error).toBeInstanceOf(GraphUnreachableError)
    expect(describeGraphFailure(error)).toMatchObject({ kind: 'network', status: null, details: { code: 'ECONNREFUSED' } })
  })

  it('gives up on an attempt that outlasts its time limit', async () => {
    sandbox.scenario.setLatency(1_000)
    const graph = createMicrosoftGraphClient({
      graphEndpoint: sandbox.baseUrl,
      accessToken: () => Promise.resolve(sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'graph', scopes })),
      attemptTimeLimitMs: 100
    })
    const error = await rejectionOf(graph.api('/me').get())
    expect(error).toBeInstanceOf(GraphUnreachableError)
    expect((error as GraphUnreachableError).cause).toMatchObject({ name: 'TimeoutError' })
    expect(describeGraphFailure(error)).toMatchObject({ kind: 'network', details: { code: 'TimeoutError' } })
  })
})
