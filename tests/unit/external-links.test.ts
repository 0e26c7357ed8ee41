import { describe, expect, it } from 'vitest'
import { createExternalLinkPolicy, sandboxOriginOf } from '../../src/main/external-links.ts'

const sandboxOrigin = 'http://127.0.0.1:53100'
const withSandbox = createExternalLinkPolicy({ sandboxOrigin })
const withoutSandbox = createExternalLinkPolicy()

describe('links the console may open in the system browser', () => {
  it.each([
    'https://purview.microsoft.com/audit/auditsearch',
    'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=x',
    'http://127.0.0.1:53100/contoso/oauth2/v2.0/authorize'
  ])('allows %s', (url) => expect(withSandbox(url)).toBe(true))

  it.each([
    'http://purview.microsoft.com/audit/auditsearch',
    'https://purview.microsoft.com.evil.example/',
    'https://evil.example/?https://purview.microsoft.com',
    'https://purview.microsoft.com:8443/',
    'https://user:pass@purview.microsoft.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ms-settings:privacy',
    'http://10.0.0.5/',
    'not a url',
    // Loopback, but not the sandbox's own origin: another port, another spelling of this computer, https.
    'http://127.0.0.1:8080/',
    'http://127.0.0.1/',
    'http://localhost:53100/',
    'http://[::1]:53100/',
    'https://127.0.0.1:53100/',
    'http://127.0.0.2:53100/',
    'http://user@127.0.0.1:53100/'
  ])('refuses %s', (url) => expect(withSandbox(url)).toBe(false))

  it('refuses every loopback address while no sandbox runs', () => {
    expect(withoutSandbox('http://127.0.0.1:53100/contoso/oauth2/v2.0/authorize')).toBe(false)
    expect(withoutSandbox('http://localhost:8080/')).toBe(false)
    expect(withoutSandbox('https://purview.microsoft.com/audit/auditsearch')).toBe(true)
  })

  it('never takes a sandbox origin that is not on loopback', () => {
    const policy = createExternalLinkPolicy({ sandboxOrigin: 'http://evil.example:53100' })
    expect(policy('http://evil.example:53100/')).toBe(false)
  })
})

describe('the sandbox origin of a cloud', () => {
  const endpoints = { graphEndpoint: '', managementEndpoint: '', graphResource: '', managementResource: '' }
  const cloud = (kind: 'tenant' | 'builtInSandbox', loginEndpoint: string, sandboxBaseUrl?: string) =>
    ({ kind, clientId: 'c', endpoints: { ...endpoints, loginEndpoint }, signIn: {} as never, sandboxBaseUrl })

  it('is the running sandbox’s base URL’s origin', () => {
    expect(sandboxOriginOf(cloud('builtInSandbox', 'http://127.0.0.1:53100/', 'http://127.0.0.1:53100/'))).toBe(sandboxOrigin)
  })

  it('is a loopback sign-in endpoint named by the environment, and nothing for Microsoft’s own', () => {
    expect(sandboxOriginOf(cloud('tenant', 'http://127.0.0.1:4100/'))).toBe('http://127.0.0.1:4100')
    expect(sandboxOriginOf(cloud('tenant', 'https://login.microsoftonline.com/'))).toBeUndefined()
    expect(sandboxOriginOf({ kind: 'unconfigured' })).toBeUndefined()
  })
})
