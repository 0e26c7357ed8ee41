import { randomBytes } from 'node:crypto'

export interface RefreshTokenRecord {
  tenantId: string
  userId: string
  clientAppId: string
  issuedAt: number
  expiresAt: number
  /** The user's refreshTokenRevocations when it was issued. */
  revocationsAtIssue: number
}

/** Refresh tokens are opaque to clients; the sandbox remembers what each one stands for. */
export class RefreshTokens {
  private readonly records = new Map<string, RefreshTokenRecord>()

  issue(record: RefreshTokenRecord): string {
    const token = `1.${randomBytes(48).toString('base64url')}`
    this.records.set(token, record)
    return token
  }

  find(token: string): RefreshTokenRecord | undefined {
    return this.records.get(token)
  }

  /** Ages every refresh token past its lifetime, as months of inactivity would. */
  expireAll(now: number): void {
    for (const record of this.records.values()) record.expiresAt = Math.min(record.expiresAt, now - 1)
  }

  clear(): void {
    this.records.clear()
  }
}
