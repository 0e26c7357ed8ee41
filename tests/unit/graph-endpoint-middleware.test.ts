import { GraphError, type Context, type Middleware } from '@microsoft/microsoft-graph-client'
import { describe, expect, it } from 'vitest'
import { AccessTokenUnavailableError, ForeignGraphHostError, GraphUnreachableError } from '../../src/main/microsoft-365/graph/graph-client-errors.ts'
import { GraphEndpointMiddleware, restoreAbsoluteLink } from '../../src/main/microsoft-365/graph/graph-endpoint-middleware.ts'

/** The rest of the chain, played by a recorder: it keeps what it was handed and answers 200 (or throws). */
function recorder(fail?: Error): Middleware & { seen: Context[] } {
  const seen: Context[] = []
  return {
    seen,
    execute: (context) => {
      seen.push(context)
      if (fail) return Promise.reject(fail)
      context.response = new Response('{}', { status: 200 })
      return Promise.resolve()
    }
  }
}

function chain(endpoint: string, next: Middleware, token: () => Promise<string> = () => Promise.resolve('the-token')) {
  const middleware = new GraphEndpointMiddleware(endpoint, token)
  middleware.setNext(next)
  return middleware
}

describe('restoreAbsoluteLink', () => {
  const sandbox = new URL('http://127.0.0.1:4321/')

  it('takes an http nextLink back out of the service root it was appended to', () => {
    const link = 'http://127.0.0.1:4321/v1.0/oauth2PermissionGrants?$top=1&$skiptoken=abc'
    expect(restoreAbsoluteLink(`http://127.0.0.1:4321/v1.0/${link}`, sandbox)).toBe(link)
  })

  it('leaves an ordinary request alone, on loopback and on https Graph', () => {
    expect(restoreAbsoluteLink('http://127.0.0.1:4321/v1.0/me', sandbox)).toBe('http://127.0.0.1:4321/v1.0/me')
    const graph = new URL('https://graph.microsoft.com/')
    expect(restoreAbsoluteLink('https://graph.microsoft.com/v1.0/subscribedSkus', graph)).toBe('https://graph.microsoft.com/v1.0/subscribedSkus')
  })
})

describe('the endpoint middleware', () => {
  it('attaches the bearer token and a client-request-id to an https Graph request, where the stock handler would too', async () => {
    const next = recorder()
    const context: Context = { request: 'https://graph.microsoft.us/v1.0/me', options: { method: 'GET', headers: { Accept: 'application/json' } } }
    await chain('https://graph.microsoft.us/', next).execute(context)
    const headers = new Headers(next.seen[0]?.options?.headers)
    expect(headers.get('Authorization')).toBe('Bearer the-token')
    expect(headers.get('client-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(headers.get('Accept')).toBe('application/json')
  })

  it('replaces an Authorization header of any case instead of adding a second one, and keeps a caller’s client-request-id', async () => {
    const next = recorder()
    const context: Context = {
      request: 'http://127.0.0.1:4321/v1.0/me',
      options: { headers: [['authorization', 'Bearer stale'], ['client-request-id', 'mine']] }
    }
    await chain('http://127.0.0.1:4321/', next).execute(context)
    const headers = new Headers(next.seen[0]?.options?.headers)
    expect(headers.get('Authorization')).toBe('Bearer the-token')
    expect(headers.get('client-request-id')).toBe('mine')
  })

  it('refuses another host, or another path on the same host, before it asks for a token', async () => {
    let asked = 0
    const token = () => {
      asked += 1
      return Promise.resolve('t')
    }
    const next = recorder()
    for (const request of ['https://graph.microsoft.com.evil.example/v1.0/me', 'https://graph.microsoft.com/v1.0/me']) {
      await expect(chain('https://proxy.example/graph/', next, token).execute({ request })).rejects.toBeInstanceOf(ForeignGraphHostError)
    }
    await expect(chain('https://graph.microsoft.com/', next, token).execute({ request: 'http://graph.microsoft.com/v1.0/me' })).rejects.toBeInstanceOf(
      ForeignGraphHostError
    )
    expect(asked).toBe(0)
    expect(next.seen).toHaveLength(0)
  })

  it('keeps a failed token source as the cause, and sends nothing', async () => {
    const next = recorder()
    const cause = new Error('no account')
    const error = await chain('https://graph.microsoft.com/', next, () => Promise.reject(cause))
      .execute({ request: 'https://graph.microsoft.com/v1.0/me' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AccessTokenUnavailableError)
    expect((error as AccessTokenUnavailableError).cause).toBe(cause)
    expect(next.seen).toHaveLength(0)
  })

  it('wraps a transport failure from further down, and lets the library’s own errors through', async () => {
    const refused = new TypeError('fetch failed')
    await expect(chain('https://graph.microsoft.com/', recorder(refused)).execute({ request: 'https://graph.microsoft.com/v1.0/me' })).rejects.toBeInstanceOf(
      GraphUnreachableError
    )
    const graphError = new GraphError(500)
    await expect(chain('https://graph.microsoft.com/', recorder(graphError)).execute({ request: 'https://graph.microsoft.com/v1.0/me' })).rejects.toBe(graphError)
  })
})
