import { randomBytes } from 'node:crypto'
import { ExpiringEntries } from '../entra/expiring-entries.ts'

export interface RefreshTokenRecord {
  tenantId: string
  userId: string
  clientAppId: string
  issuedAt: number
  expiresAt: number
  /** The user's refreshTokenRevocations when it was issued. */
  revocationsAtIssue: number
  /** Whether the sign-in it descends from satisfied multifactor authentication; its refreshes inherit that. */
  multifactor: boolean
}

/**
 * How long a refresh token is remembered past its expiry, so that a client back a little late still
 * hears "expired" (AADSTS700082) rather than "unknown", while a sandbox left running for weeks does
 * not keep every token it ever issued.
 */
export const refreshTokenRetentionAfterExpiryMs = 24 * 60 * 60 * 1000

/**
 * Refresh tokens are opaque to clients; the sandbox remembers what each one stands for, including
 * whether it carries an MFA, so that both are forgotten together once the token has lapsed.
 */
export class RefreshTokens {
  private readonly records = new ExpiringEntries<RefreshTokenRecord>(refreshTokenRetentionAfterExpiryMs)

  issue(record: RefreshTokenRecord): string {
    const token = `1.${randomBytes(48).toString('base64url')}`
    this.records.add(token, record, record.issuedAt)
    return token
  }

  find(token: string): RefreshTokenRecord | undefined {
    return this.records.get(token)
  }

  /** Ages one tenant's refresh tokens past their lifetime, as months of inactivity would. */
  expireAll(now: number, tenantId: string): void {
    for (const record of this.records.values()) {
      if (record.tenantId === tenantId) record.expiresAt = Math.min(record.expiresAt, now - 1)
    }
  }

  clear(): void {
    this.records.clear()
  }

  /** How many refresh tokens are remembered, for tests of the pruning. */
  get size(): number {
    return this.records.size
  }
}
