import { isGuid } from '../../shared/guid.ts'
import { isLoopbackHostname } from '../loopback-address.ts'
import { cloudProfiles, type CloudEndpoints } from '../microsoft-365/cloud-profiles.ts'

/** Where the console signs in and which APIs it calls (DESIGN.md, contracts: endpoints). */
export type MicrosoftCloudEndpoints = CloudEndpoints

export type MicrosoftCloudSetting =
  | { kind: 'tenant'; clientId: string; endpoints: MicrosoftCloudEndpoints }
  /** No client ID is configured, and this host may fall back to the built-in sandbox tenant. */
  | { kind: 'builtInSandbox' }
  /** No client ID is configured, and this is an installed build: the admin must choose one in Settings. */
  | { kind: 'unconfigured' }

/**
 * Where a client ID may come from, in DESIGN.md's order ("which cloud and client ID"): the
 * environment, then what the admin chose in Settings, then one baked in at build time.
 */
export interface MicrosoftCloudSources {
  env: NodeJS.ProcessEnv
  /** What the admin saved in Settings; Settings arrive with the connect issue. */
  settings?: MicrosoftCloudSetting | undefined
  /** The publisher's multi-tenant app registration, baked in at build time. */
  builtInClientId?: string | undefined
  /** True for `npm run dev` and the web preview; an installed build never falls back silently. */
  mayUseBuiltInSandbox: boolean
}

export const microsoftCloudDefaults: MicrosoftCloudEndpoints = {
  loginEndpoint: cloudProfiles.global.loginEndpoint,
  graphEndpoint: cloudProfiles.global.graphEndpoint,
  managementEndpoint: cloudProfiles.global.managementEndpoint,
  graphResource: cloudProfiles.global.graphResource,
  managementResource: cloudProfiles.global.managementResource
}

/** A setting the administrator got wrong; the message says which and how to fix it. */
export class MicrosoftCloudConfigError extends Error {
  override name = 'MicrosoftCloudConfigError'
}

export function chooseMicrosoftCloud(sources: MicrosoftCloudSources): MicrosoftCloudSetting {
  const fromEnvironment = readMicrosoftCloudSetting(sources.env)
  if (fromEnvironment) return fromEnvironment
  if (sources.settings && sources.settings.kind !== 'unconfigured') return sources.settings
  const builtIn = sources.builtInClientId?.trim()
  if (builtIn) return { kind: 'tenant', clientId: readClientId(builtIn, 'The built-in client ID'), endpoints: microsoftCloudDefaults }
  return sources.mayUseBuiltInSandbox ? { kind: 'builtInSandbox' } : { kind: 'unconfigured' }
}

/** The cloud the environment names, or undefined when M365_CLIENT_ID is not set. */
export function readMicrosoftCloudSetting(env: NodeJS.ProcessEnv): MicrosoftCloudSetting | undefined {
  const raw = env.M365_CLIENT_ID?.trim()
  if (!raw) return undefined
  const clientId = readClientId(raw, 'M365_CLIENT_ID')
  const graphEndpoint = readEndpoint(env, 'M365_GRAPH_ENDPOINT', microsoftCloudDefaults.graphEndpoint)
  const managementEndpoint = readEndpoint(env, 'M365_MANAGEMENT_ENDPOINT', microsoftCloudDefaults.managementEndpoint)
  return {
    kind: 'tenant',
    clientId,
    endpoints: {
      loginEndpoint: readEndpoint(env, 'M365_LOGIN_ENDPOINT', microsoftCloudDefaults.loginEndpoint),
      graphEndpoint,
      managementEndpoint,
      graphResource: resourceOf(graphEndpoint, microsoftCloudDefaults.graphResource),
      managementResource: resourceOf(managementEndpoint, microsoftCloudDefaults.managementResource)
    }
  }
}

/**
 * A national cloud's API names itself as its resource (https://graph.microsoft.us), so an https
 * endpoint is its own resource; a loopback one (a sandbox) stands in for the global cloud.
 */
function resourceOf(endpoint: string, globalResource: string): string {
  const url = new URL(endpoint)
  return url.protocol === 'https:' ? url.origin : globalResource
}

export function readClientId(value: string, name: string): string {
  if (!isGuid(value)) {
    throw new MicrosoftCloudConfigError(
      `${name} must be the Application (client) ID of your app registration, a GUID like 00000000-0000-0000-0000-000000000000, not "${value}".`
    )
  }
  return value.toLowerCase()
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
