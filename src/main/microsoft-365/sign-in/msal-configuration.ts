import { LogLevel, type Configuration, type ICachePlugin } from '@azure/msal-node'
import type { Logger } from '../../logger.ts'
import { isLoopbackHostname } from '../../loopback-address.ts'

export interface MsalConfigurationOptions {
  clientId: string
  /** The cloud's login endpoint, e.g. `https://login.microsoftonline.com/`, or the sandbox's loopback URL. */
  loginEndpoint: string
  cachePlugin: ICachePlugin
  logger: Logger
}

/** MSAL insists on an https authority; the sandbox keeps the global cloud's name for it (DESIGN.md). */
const standInAuthority = 'https://login.microsoftonline.com/organizations'
/** Microsoft's multi-tenant issuer template, which MSAL accepts for the `organizations` authority. */
const multiTenantIssuer = 'https://login.microsoftonline.com/{tenantid}/v2.0'
const metadataTimeoutMs = 10_000

/**
 * The PublicClientApplication configuration for one cloud. Async because an `http://` loopback
 * endpoint (the sandbox) is reached through `authorityMetadata`, read from its discovery document.
 */
export async function createMsalConfiguration(options: MsalConfigurationOptions): Promise<Configuration> {
  const { clientId, cachePlugin, logger } = options
  const loginEndpoint = new URL(options.loginEndpoint.endsWith('/') ? options.loginEndpoint : `${options.loginEndpoint}/`)
  return {
    auth: { clientId, ...(await authorityFor(loginEndpoint)) },
    cache: { cachePlugin },
    system: {
      loggerOptions: {
        // Warnings and errors only, and no personal data: MSAL's lower levels name accounts and tenants.
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return
          if (level === LogLevel.Error) logger.error(`msal: ${message}`)
          else if (level === LogLevel.Warning) logger.warn(`msal: ${message}`)
        }
      }
    }
  }
}

async function authorityFor(loginEndpoint: URL): Promise<{ authority: string; authorityMetadata?: string }> {
  if (loginEndpoint.protocol === 'https:') return { authority: new URL('organizations', loginEndpoint).href }
  if (loginEndpoint.protocol === 'http:' && isLoopbackHostname(loginEndpoint.hostname)) {
    return { authority: standInAuthority, authorityMetadata: await loopbackAuthorityMetadata(loginEndpoint) }
  }
  throw new Error(`The login endpoint ${loginEndpoint.origin} is neither https nor plain http on this computer.`)
}

async function loopbackAuthorityMetadata(loginEndpoint: URL): Promise<string> {
  const discovery = new URL('organizations/v2.0/.well-known/openid-configuration', loginEndpoint)
  const response = await fetch(discovery, { signal: AbortSignal.timeout(metadataTimeoutMs) })
  if (!response.ok) throw new Error(`The sign-in service at ${discovery.origin} answered its discovery document with HTTP ${response.status}.`)
  const metadata: unknown = await response.json()
  if (!isAuthorityMetadata(metadata)) throw new Error(`The sign-in service at ${discovery.origin} sent a discovery document without its endpoints.`)
  return JSON.stringify({ ...metadata, issuer: multiTenantIssuer })
}

function isAuthorityMetadata(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'authorization_endpoint' in value &&
    typeof value.authorization_endpoint === 'string' &&
    'token_endpoint' in value &&
    typeof value.token_endpoint === 'string'
  )
}
