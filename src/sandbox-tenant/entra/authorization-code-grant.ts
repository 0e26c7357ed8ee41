import { createHash } from 'node:crypto'
import { admits } from './authority.ts'
import { entraErrors } from './entra-errors.ts'
import { checkAndIssue } from './token-checks.ts'
import type { GrantOutcome, TokenGrantState, TokenRequest } from './token-endpoint.ts'
import type { SandboxContext } from '../sandbox-context.ts'

/** `grant_type=authorization_code`: a single-use code, its redirect URI, its client and its PKCE verifier. */
export function redeemAuthorizationCode(context: SandboxContext, state: TokenGrantState, request: TokenRequest): GrantOutcome {
  const { form } = request
  const code = form.get('code')
  if (!code) return { ok: false, failure: entraErrors.missingParameter('code') }
  const redirectUri = form.get('redirect_uri')
  if (!redirectUri) return { ok: false, failure: entraErrors.missingParameter('redirect_uri') }
  const redemption = state.codes.redeem(code, context.now())
  if (!redemption.ok) {
    const failure =
      redemption.reason === 'redeemed'
        ? entraErrors.codeRedeemed()
        : redemption.reason === 'expired'
          ? entraErrors.codeExpired()
          : entraErrors.invalidCode()
    return { ok: false, failure }
  }
  const { grant } = redemption
  if (grant.clientId !== request.clientId) return { ok: false, failure: entraErrors.invalidCode() }
  if (grant.redirectUri !== redirectUri) {
    return { ok: false, failure: entraErrors.replyAddressMismatch(redirectUri, grant.redirectUri) }
  }
  if (grant.codeChallenge !== null) {
    const verifier = form.get('code_verifier')
    const challenge = verifier ? createHash('sha256').update(verifier).digest('base64url') : null
    if (challenge !== grant.codeChallenge) return { ok: false, failure: entraErrors.codeVerifierMismatch() }
  }
  const user = context.world.users.get(grant.userId)
  if (!user) return { ok: false, failure: entraErrors.invalidCode() }
  if (!admits(request.authority, user)) return { ok: false, failure: entraErrors.codeForOtherTenant() }
  return checkAndIssue(context, request, user, { nonce: grant.nonce, multifactor: grant.multifactor })
}
