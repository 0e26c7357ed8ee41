import { admits } from './authority.ts'
import { entraErrors } from './entra-errors.ts'
import { checkAndIssue } from './token-checks.ts'
import type { GrantOutcome, TokenRequest } from './token-endpoint.ts'
import type { SandboxContext } from '../sandbox-context.ts'

/**
 * `grant_type=refresh_token`. Each answer carries a new refresh token; the old one stays valid until
 * it expires or is revoked, as Entra's do. Refresh tokens are multi-resource: one signed in for
 * Graph serves the Management API too, once consent for it exists. Each is bound to its user's
 * tenant: that tenant's endpoint (by ID or domain), `organizations` and `common` accept it.
 */
export function redeemRefreshToken(context: SandboxContext, request: TokenRequest): GrantOutcome {
  const token = request.form.get('refresh_token')
  if (!token) return { ok: false, failure: entraErrors.missingParameter('refresh_token') }
  const record = context.refreshTokens.find(token)
  const user = record ? context.world.users.get(record.userId) : undefined
  if (!record || !user || record.clientAppId !== request.clientId) {
    return { ok: false, failure: entraErrors.invalidRefreshToken() }
  }
  if (!admits(request.authority, user)) return { ok: false, failure: entraErrors.grantForOtherTenant() }
  if (record.expiresAt <= context.now()) return { ok: false, failure: entraErrors.refreshTokenExpired(record.issuedAt) }
  if (record.revocationsAtIssue < user.refreshTokenRevocations) {
    return { ok: false, failure: entraErrors.refreshTokenRevoked(record.issuedAt, user.tokensValidFrom) }
  }
  return checkAndIssue(context, request, user, { nonce: null, multifactor: record.multifactor })
}
