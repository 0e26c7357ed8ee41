import { createHash, randomBytes } from 'node:crypto'
import { issuerFor } from './authority.ts'
import { answeredScope } from './answered-scopes.ts'
import { permissionValuesFor, type ScopeRequest } from './scope-resolution.ts'
import type { ResourceApi } from '../world/resource-apis.ts'
import type { UserRecord } from '../world/world-records.ts'
import type { SandboxContext } from '../sandbox-context.ts'

export interface TokenIssue {
  user: UserRecord
  clientId: string
  scopes: ScopeRequest
  resource: ResourceApi
  /** What the tenant has granted the app on that resource, for this user. */
  granted: readonly string[]
  nonce: string | null
  clientInfo: boolean
  multifactor: boolean
}

export interface IssuedTokens {
  body: Record<string, unknown>
  refreshToken: string | null
}

const idTokenLifetimeSeconds = 3600

/**
 * The token endpoint's success body. Its `scope` is worded in answered-scopes.ts; the access
 * token's `scp` carries every permission the user holds on the resource, whether the app asked for
 * `.default` or for named scopes (Entra puts previously consented scopes in `scp` too:
 * microsoftgraph/msgraph-sdk-powershell#1056, microsoft-graph-docs-contrib#4546). A refresh token remembers whether its sign-in did MFA, so that
 * its refreshes keep meeting a policy that requires it.
 */
export function issueTokens(context: SandboxContext, issue: TokenIssue): IssuedTokens {
  const { user, scopes, resource } = issue
  const lifetime = context.tokenLifetimes.accessTokenSeconds
  const tokenScopes = permissionValuesFor(scopes, resource).filter((scope) => scope !== 'offline_access')
  const held = new Set(tokenScopes.map((scope) => scope.toLowerCase()))
  tokenScopes.push(...issue.granted.filter((scope) => scope !== 'offline_access' && !held.has(scope.toLowerCase())))
  const accessToken = context.accessTokens.issue({
    user,
    clientAppId: issue.clientId,
    clientDisplayName: context.world.clientApplication.displayName,
    resource,
    scopes: tokenScopes,
    lifetimeSeconds: lifetime
  })
  const refreshToken = scopes.openId.includes('offline_access')
    ? context.refreshTokens.issue({
        tenantId: user.tenantId,
        userId: user.id,
        clientAppId: issue.clientId,
        issuedAt: context.now(),
        expiresAt: context.now() + context.tokenLifetimes.refreshTokenSeconds * 1000,
        revocationsAtIssue: user.refreshTokenRevocations,
        multifactor: issue.multifactor
      })
    : null
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: answeredScope({ scopes, resource, granted: issue.granted, echoDefaultScope: context.tokenAnswers.echoDefaultScope }),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken
  }
  if (refreshToken) body.refresh_token = refreshToken
  if (scopes.openId.includes('openid')) body.id_token = idToken(context, issue)
  if (issue.clientInfo) body.client_info = clientInfo(user)
  return { body, refreshToken }
}

/** `client_info`: base64url JSON of the home account's object ID and tenant ID, which MSAL decodes. */
export function clientInfo(user: UserRecord): string {
  return Buffer.from(JSON.stringify({ uid: user.id, utid: user.tenantId })).toString('base64url')
}

/** A v2.0 id_token (fixtures/microsoft/entra.sample.id-token.v2.decoded-payload.json). */
function idToken(context: SandboxContext, issue: TokenIssue): string {
  const { user } = issue
  const issuedAt = Math.floor(context.now() / 1000)
  return context.signer.sign({
    aud: issue.clientId,
    iss: issuerFor(context.baseUrl, user.tenantId),
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + idTokenLifetimeSeconds,
    aio: randomBytes(48).toString('base64url'),
    name: user.displayName,
    ...(issue.nonce === null ? {} : { nonce: issue.nonce }),
    oid: user.id,
    preferred_username: user.userPrincipalName,
    rh: `0.${randomBytes(24).toString('base64url')}.`,
    // Entra's `sub` is pairwise: the same user has a different one in every app.
    sub: createHash('sha256').update(`${user.id}|${issue.clientId}`).digest('base64url').slice(0, 43),
    tid: user.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '2.0'
  })
}
