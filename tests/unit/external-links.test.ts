import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from '../../src/main/external-links.ts'

describe('links the console may open in the system browser', () => {
  it.each([
    'https://purview.microsoft.com/audit/auditsearch',
    'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=x',
    'http://127.0.0.1:53100/contoso/oauth2/v2.0/authorize',
    'http://localhost:8080/',
    'http://[::1]:8080/'
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true))

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
    'not a url'
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false))
})
