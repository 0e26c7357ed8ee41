import { randomBytes } from 'node:crypto'
import { ExpiringEntries } from './expiring-entries.ts'

export interface AuthorizationCodeGrant {
  clientId: string
  redirectUri: string
  codeChallenge: string | null
  tenantId: string
  userId: string
  nonce: string | null
  /** Whether the sign-in satisfied multifactor authentication, which its refresh tokens then carry. */
  multifactor: boolean
  issuedAt: number
  expiresAt: number
}

interface CodeRecord extends AuthorizationCodeGrant {
  redeemed: boolean
}

export type CodeRedemption =
  | { ok: true; grant: AuthorizationCodeGrant }
  | { ok: false; reason: 'unknown' | 'redeemed' | 'expired' }

/**
 * How long a code is remembered past its expiry, so that a late redemption still hears "expired"
 * (AADSTS70008) rather than "unknown", while a long-running sandbox does not keep every code forever.
 */
const retentionAfterExpiryMs = 10 * 60 * 1000

/** Single-use authorization codes; a redeemed code is remembered so that reuse gets its own error. */
export class AuthorizationCodes {
  private readonly records = new ExpiringEntries<CodeRecord>(retentionAfterExpiryMs)

  issue(grant: AuthorizationCodeGrant): string {
    const code = `1.${randomBytes(64).toString('base64url')}`
    this.records.add(code, { ...grant, redeemed: false }, grant.issuedAt)
    return code
  }

  /** How many codes are remembered, for tests of the pruning. */
  get size(): number {
    return this.records.size
  }

  clear(): void {
    this.records.clear()
  }

  redeem(code: string, now: number): CodeRedemption {
    const record = this.records.get(code)
    if (!record) return { ok: false, reason: 'unknown' }
    if (record.redeemed) return { ok: false, reason: 'redeemed' }
    record.redeemed = true
    if (record.expiresAt <= now) return { ok: false, reason: 'expired' }
    return { ok: true, grant: record }
  }
}
