import { isLoopbackHostname } from '../loopback-address.ts'

/** Where the console signs in and which APIs it calls (DESIGN.md, contracts: endpoints). */
export interface MicrosoftCloudEndpoints {
  loginEndpoint: string
  graphEndpoint: string
  managementEndpoint: string
}

export type MicrosoftCloudSetting =
  | { kind: 'tenant'; clientId: string; endpoints: MicrosoftCloudEndpoints }
  /** No client ID is configured: the console uses its built-in sandbox tenant. */
  | { kind: 'builtInSandbox' }

export const microsoftCloudDefaults: MicrosoftCloudEndpoints = {
  loginEndpoint: 'https://login.microsoftonline.com/',
  graphEndpoint: 'https://graph.microsoft.com/',
  managementEndpoint: 'https://manage.office.com/'
}

/** A setting the administrator got wrong; the message says which and how to fix it. */
export class MicrosoftCloudConfigError extends Error {
  override name = 'MicrosoftCloudConfigError'
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function readMicrosoftCloudSetting(env: NodeJS.ProcessEnv): MicrosoftCloudSetting {
  const clientId = env.M365_CLIENT_ID?.trim()
  if (!clientId) return { kind: 'builtInSandbox' }
  if (!guid.test(clientId)) {
    throw new MicrosoftCloudConfigError(
      `M365_CLIENT_ID must be the Application (client) ID of your app registration, a GUID like 00000000-0000-0000-0000-000000000000, not "${clientId}".`
    )
  }
  return {
    kind: 'tenant',
    clientId: clientId.toLowerCase(),
    endpoints: {
      loginEndpoint: readEndpoint(env, 'M365_LOGIN_ENDPOINT', microsoftCloudDefaults.loginEndpoint),
      graphEndpoint: readEndpoint(env, 'M365_GRAPH_ENDPOINT', microsoftCloudDefaults.graphEndpoint),
      managementEndpoint: readEndpoint(env, 'M365_MANAGEMENT_ENDPOINT', microsoftCloudDefaults.managementEndpoint)
    }
  }
}

/** An endpoint as an origin-and-path URL with a trailing slash; `http` only on a loopback address. */
export function readEndpoint(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new MicrosoftCloudConfigError(`${name} must be a URL such as ${fallback}, not "${raw}".`)
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new MicrosoftCloudConfigError(`${name} must not carry a user name, password, query or fragment.`)
  }
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    throw new MicrosoftCloudConfigError(`${name} may use http:// only on a loopback address such as 127.0.0.1; use https:// for ${url.host}.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new MicrosoftCloudConfigError(`${name} must be an https:// URL, not ${url.protocol}.`)
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}
