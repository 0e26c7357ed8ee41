import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { postOversizedBody } from '../../support/oversized-post.ts'

interface RawReply {
  status: number
  contentType: string
  body: string
}

/** Sends exactly what a broken client would, without fetch tidying up the path or the body. */
function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const json = { 'Content-Type': 'application/json' }
/** Replaced by a valid Graph token, so that the request gets past the token check to the part it breaks. */
const withToken = { Authorization: 'valid Graph token' }
const form = { 'Content-Type': 'application/x-www-form-urlencoded' }

describe('malformed requests to the sandbox tenant', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())

  const cases: Array<[string, string, string, Record<string, string>, string | Buffer | undefined]> = [
    ['broken percent-encoding in a Graph path', 'GET', '/v1.0/servicePrincipals(appId=%27%E0%A4%A%27)', withToken, undefined],
    ['broken percent-encoding in a Graph $filter', 'GET', '/v1.0/oauth2PermissionGrants?$filter=clientId%20eq%20%27%E0%A4%A', withToken, undefined],
    ['broken percent-encoding in an authorize query', 'GET', '/organizations/oauth2/v2.0/authorize?client_id=%ZZ&scope=%', {}, undefined],
    ['a token request that is JSON', 'POST', '/organizations/oauth2/v2.0/token', json, '{"grant_type":"authorization_code"}'],
    ['a token request with no body', 'POST', '/organizations/oauth2/v2.0/token', form, undefined],
    ['a token request with an unknown grant', 'POST', '/organizations/oauth2/v2.0/token', form, 'grant_type=password&client_id=x'],
    ['a $batch that is not JSON', 'POST', '/v1.0/$batch', { ...json, ...withToken }, '{"requests": ['],
    ['a $batch whose requests are not a list', 'POST', '/v1.0/$batch', { ...json, ...withToken }, '{"requests": 5}'],
    ['a $batch request with a url that is not a string', 'POST', '/v1.0/$batch', { ...json, ...withToken }, '{"requests": [{"id": "1", "method": "GET", "url": 7}]}'],
    ['binary junk to the Management API', 'POST', '/api/v1.0/not-a-guid/activity/feed/subscriptions/start', json, Buffer.from([0, 255, 254, 1])],
    ['an authority that is not a tenant', 'GET', '/..%2F..%2Fetc/oauth2/v2.0/authorize', {}, undefined],
    ['a body larger than a megabyte', 'POST', '/v1.0/$batch', json, Buffer.alloc(1024 * 1024 + 10, 32)],
    ['an absolute-form request target', 'GET', 'http://evil.example/v1.0/me', {}, undefined]
  ]

  it.each(cases)('answers %s with an error in Microsoft\'s shape, never a crash or a stack trace', async (_name, method, path, headers, body) => {
    const token = sandbox.issueAccessToken({ userPrincipalName: 'MeganB@contoso.onmicrosoft.com', resource: 'graph', scopes: ['User.Read', 'Application.Read.All', 'DelegatedPermissionGrant.ReadWrite.All'] })
    const sent = headers.Authorization ? { ...headers, Authorization: `Bearer ${token}` } : headers
    const reply = await rawRequest(sandbox.baseUrl, method, path, sent, body)
    expect(reply.status).toBeGreaterThanOrEqual(400)
    expect(reply.status).toBeLessThan(500)
    expect(reply.body).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/)
    expect(reply.body).not.toContain('node:internal')
    if (reply.contentType.startsWith('application/json')) {
      const parsed = JSON.parse(reply.body) as { error?: unknown }
      expect(parsed.error).toBeDefined()
    }
  })

  it('still answers after all of them', async () => {
    const response = await fetch(new URL('organizations/v2.0/.well-known/openid-configuration', sandbox.baseUrl))
    expect(response.status).toBe(200)
  })
})

describe('the sandbox tenant on loopback', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())

  it('answers only requests addressed to 127.0.0.1 or localhost on its port, so a rebound host name gets nowhere', async () => {
    const { port } = new URL(sandbox.baseUrl)
    const path = '/_sandbox/scenario'
    expect((await rawRequest(sandbox.baseUrl, 'GET', path, { Host: `127.0.0.1:${port}` })).status).toBe(200)
    expect((await rawRequest(sandbox.baseUrl, 'GET', path, { Host: `localhost:${port}` })).status).toBe(200)
    const rebound = await rawRequest(sandbox.baseUrl, 'POST', path, { Host: `attacker.example:${port}`, ...json }, '{"auditLog": false}')
    expect(rebound.status).toBe(421)
    expect(sandbox.scenario.snapshot().auditLogEnabled).toBe(true)
  })

  it('closes the connection after refusing an over-large body, and the next requests still work', async () => {
    const large = await fetch(new URL('v1.0/$batch', sandbox.baseUrl), { method: 'POST', headers: json, body: Buffer.alloc(2 * 1024 * 1024, 32) })
    expect(large.status).toBe(413)
    expect(large.headers.get('connection')).toBe('close')
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await fetch(new URL('_sandbox/scenario', sandbox.baseUrl))).status).toBe(200)
    }
  })

  it.each([
    ['a declared length', true],
    ['a chunked body', false]
  ])('hangs up after refusing an over-large body sent with %s, rather than reading the rest as the next request', async (_name, declareLength) => {
    const { port, host } = new URL(sandbox.baseUrl)
    const outcome = await postOversizedBody({ port: Number(port), path: '/v1.0/$batch', headers: { Host: host, ...json }, bodyBytes: 1024 * 1024 + 4096, declareLength })
    expect(outcome.statusLine).toMatch(/^HTTP\/1\.1 413 /)
    expect(outcome.closedByServer).toBe(true)
  })
})
