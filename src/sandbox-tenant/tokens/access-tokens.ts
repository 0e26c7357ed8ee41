import { randomBytes } from 'node:crypto'
import type { JwtSigner } from './jwt-signer.ts'
import type { ResourceApi } from '../world/resource-apis.ts'
import type { UserRecord } from '../world/world-records.ts'

/** What a resource API learns from a valid bearer token. */
export interface AccessTokenClaims {
  tenantId: string
  userId: string
  appId: string
  audience: string
  scopes: string[]
  expiresAt: number
}

export type BearerCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: 'missing' | 'malformed' | 'signature' | 'expired' | 'audience' }

export interface AccessTokenIssue {
  user: UserRecord
  clientAppId: string
  clientDisplayName: string
  resource: ResourceApi
  scopes: readonly string[]
  lifetimeSeconds: number
}

/**
 * Access tokens in the v1.0 shape that Microsoft Graph and the Management API receive
 * (see fixtures/microsoft/entra.sample.access-token.v1.decoded-payload.json).
 */
export class AccessTokens {
  private readonly signer: JwtSigner
  private readonly now: () => number

  constructor(signer: JwtSigner, now: () => number) {
    this.signer = signer
    this.now = now
  }

  issue(request: AccessTokenIssue): string {
    const issuedAt = Math.floor(this.now() / 1000)
    const { user } = request
    return this.signer.sign({
      aud: request.resource.identifierUri,
      iss: `https://sts.windows.net/${user.tenantId}/`,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + request.lifetimeSeconds,
      acr: '1',
      amr: ['pwd'],
      app_displayname: request.clientDisplayName,
      appid: request.clientAppId,
      appidacr: '0',
      family_name: user.surname,
      given_name: user.givenName,
      idtyp: 'user',
      ipaddr: '127.0.0.1',
      name: user.displayName,
      oid: user.id,
      rh: 'I',
      scp: request.scopes.join(' '),
      sub: randomBytes(32).toString('base64url').slice(0, 43),
      tid: user.tenantId,
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
      wids: [...user.roleTemplateIds]
    })
  }

  /**
   * Checks an `Authorization` header the way a resource API validates a bearer token: its form,
   * signature, lifetime and audience. Whether its user still exists is a directory question that
   * the token cannot answer: a well-signed token of an unknown user passes here, and the resource
   * reports the unknown user itself (Graph's `/me` answers 404 `Request_ResourceNotFound`), rather
   * than this check calling it a bad signature, which would send a reader after the wrong cause.
   */
  check(authorization: string | undefined, audience: ResourceApi): BearerCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')
    if (!match?.[1]) return { ok: false, reason: 'missing' }
    const verification = this.signer.verify(match[1])
    if (!verification.ok) return { ok: false, reason: verification.reason }
    const { claims } = verification
    const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : 0
    if (expiresAt <= this.now()) return { ok: false, reason: 'expired' }
    if (claims.aud !== audience.identifierUri && claims.aud !== audience.appId) return { ok: false, reason: 'audience' }
    const userId = String(claims.oid)
    return {
      ok: true,
      claims: {
        tenantId: String(claims.tid),
        userId,
        appId: String(claims.appid),
        audience: String(claims.aud),
        scopes: typeof claims.scp === 'string' ? claims.scp.split(' ').filter(Boolean) : [],
        expiresAt
      }
    }
  }
}
