import type { AccessTokenClaims, BearerCheck } from '../tokens/access-tokens.ts'
import { graphError, type GraphAnswer, type GraphRequestIds } from './graph-answers.ts'

// Graph's answers to a bad bearer token, as clients quote them in public issues
// (e.g. microsoftgraph/msgraph-sample-reactspa#54, besscroft/diyfile#1, MaikuB/flutter_appauth#575,
// microsoftgraph/microsoft-graph-docs-contrib#2362, microsoftgraph/console-java-connect-sample#1).
const invalidTokenMessages: Record<Exclude<BearerCheck, { ok: true }>['reason'], string> = {
  missing: 'Access token is empty.',
  malformed:
    "IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format. (JWS): 'EncodedHeader.EncodedPayload.EncodedSignature'. (JWE): 'EncodedProtectedHeader.EncodedEncryptedKey.EncodedInitializationVector.EncodedCiphertext.EncodedAuthenticationTag'.",
  expired: 'Access token has expired or is not yet valid.',
  signature: 'Access token validation failure.',
  audience: 'Access token validation failure. Invalid audience.'
}

// The challenge Graph sends with a 401, as learn.microsoft.com quotes it
// ("Extract authentication parameters from WWW-Authenticate headers").
const graphChallenge =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"'

export type GraphAuthentication = { ok: true; claims: AccessTokenClaims } | { ok: false; answer: GraphAnswer }

export function authenticate(check: BearerCheck, ids: GraphRequestIds): GraphAuthentication {
  if (check.ok) return { ok: true, claims: check.claims }
  return {
    ok: false,
    answer: graphError(ids, 401, 'InvalidAuthenticationToken', invalidTokenMessages[check.reason], {
      'WWW-Authenticate': graphChallenge
    })
  }
}

/** True when the token's `scp` holds one of the permissions an endpoint accepts. */
export function holdsOneOf(claims: AccessTokenClaims, accepted: readonly string[]): boolean {
  const held = new Set(claims.scopes.map((scope) => scope.toLowerCase()))
  return accepted.some((scope) => held.has(scope.toLowerCase()))
}

export function insufficientPrivileges(ids: GraphRequestIds): GraphAnswer {
  return graphError(ids, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
}
