import { isLoopbackHostname } from './loopback-address.ts'
import type { CurrentCloud } from './microsoft-365/microsoft-cloud-session.ts'

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

export interface ExternalLinkPolicyOptions {
  /**
   * The running sandbox's own origin (`http://127.0.0.1:PORT`), so its sign-in pages open the way
   * Microsoft's would. Any other loopback address stays refused: a link into some other local
   * service is exactly what a compromised page would ask the system browser to open.
   */
  sandboxOrigin?: string | undefined
}

export type IsAllowedExternalUrl = (candidate: string) => boolean

export function createExternalLinkPolicy({ sandboxOrigin }: ExternalLinkPolicyOptions = {}): IsAllowedExternalUrl {
  const sandbox = sandboxOrigin ? URL.parse(sandboxOrigin) : null
  const allowedLoopbackOrigin = sandbox && isLoopbackHostname(sandbox.hostname) && isWebProtocol(sandbox.protocol) ? sandbox.origin : null
  return (candidate) => {
    const url = URL.parse(candidate)
    if (!url || url.username || url.password) return false
    if (isLoopbackHostname(url.hostname)) return isWebProtocol(url.protocol) && url.origin === allowedLoopbackOrigin
    return url.protocol === 'https:' && url.port === '' && allowedHttpsHosts.has(url.hostname)
  }
}

/**
 * The loopback origin a cloud signs in on: the built-in sandbox's base URL, or a loopback stand-in
 * for Microsoft's sign-in that the environment named (`M365_LOGIN_ENDPOINT`, used by tests).
 */
export function sandboxOriginOf(cloud: CurrentCloud): string | undefined {
  if (cloud.kind === 'unconfigured') return undefined
  const signIn = URL.parse(cloud.sandboxBaseUrl ?? cloud.endpoints.loginEndpoint)
  return signIn && isLoopbackHostname(signIn.hostname) ? signIn.origin : undefined
}

function isWebProtocol(protocol: string): boolean {
  return protocol === 'http:' || protocol === 'https:'
}
