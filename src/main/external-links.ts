import { isLoopbackHostname } from './loopback-address.ts'

/** Microsoft pages the console links an administrator to. Nothing else opens in the system browser. */
const allowedHttpsHosts = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'purview.microsoft.com',
  'compliance.microsoft.com',
  'admin.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
  'learn.microsoft.com'
])

/** Loopback is allowed so the sandbox tenant's sign-in pages open the way Microsoft's would. */
export function isAllowedExternalUrl(candidate: string): boolean {
  const url = URL.parse(candidate)
  if (!url || url.username || url.password) return false
  if (isLoopbackHostname(url.hostname)) return url.protocol === 'http:' || url.protocol === 'https:'
  return url.protocol === 'https:' && url.port === '' && allowedHttpsHosts.has(url.hostname)
}
