import { createHash, createSign, createVerify, generateKeyPair, type KeyObject } from 'node:crypto'

export type JwtClaims = Record<string, unknown>

export type JwtVerification =
  | { ok: true; header: JwtClaims; claims: JwtClaims }
  | { ok: false; reason: 'malformed' | 'signature' }

export interface JsonWebKey {
  kty: string
  use: 'sig'
  kid: string
  x5t: string
  n: string
  e: string
  issuer: string
}

/** RS256 signing with a key made per sandbox instance, so tokens of one instance fail in another. */
export interface JwtSigner {
  readonly kid: string
  sign(claims: JwtClaims): string
  verify(token: string): JwtVerification
  jsonWebKey(issuer: string): JsonWebKey
}

export async function createJwtSigner(): Promise<JwtSigner> {
  const { publicKey, privateKey } = await new Promise<{ publicKey: KeyObject; privateKey: KeyObject }>(
    (resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: 2048 }, (error, pub, priv) =>
        error ? reject(error) : resolve({ publicKey: pub, privateKey: priv })
      )
  )
  const publicJwk = publicKey.export({ format: 'jwk' })
  const kid = createHash('sha1').update(String(publicJwk.n)).digest('base64url')

  return {
    kid,
    sign(claims) {
      const header = { typ: 'JWT', alg: 'RS256', x5t: kid, kid }
      const signingInput = `${encodeSegment(header)}.${encodeSegment(claims)}`
      const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey).toString('base64url')
      return `${signingInput}.${signature}`
    },
    verify(token) {
      const parts = token.split('.')
      if (parts.length !== 3) return { ok: false, reason: 'malformed' }
      const [headerPart = '', claimsPart = '', signaturePart = ''] = parts
      const header = decodeSegment(headerPart)
      const claims = decodeSegment(claimsPart)
      if (!header || !claims) return { ok: false, reason: 'malformed' }
      const valid = createVerify('RSA-SHA256')
        .update(`${headerPart}.${claimsPart}`)
        .verify(publicKey, Buffer.from(signaturePart, 'base64url'))
      return valid ? { ok: true, header, claims } : { ok: false, reason: 'signature' }
    },
    jsonWebKey(issuer) {
      return { kty: 'RSA', use: 'sig', kid, x5t: kid, n: String(publicJwk.n), e: String(publicJwk.e), issuer }
    }
  }
}

function encodeSegment(value: JwtClaims): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function decodeSegment(segment: string): JwtClaims | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as JwtClaims) : null
  } catch {
    return null
  }
}
