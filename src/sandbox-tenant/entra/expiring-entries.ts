/**
 * Sign-in state that lapses: sessions, flows, codes. Lapsed entries are dropped whenever a new one
 * is added, so that a sandbox left running for days keeps only what can still be used.
 */
export class ExpiringEntries<T extends { expiresAt: number }> {
  private readonly entries = new Map<string, T>()
  /** How long an entry is kept past its expiry, for stores that must still tell "expired" from "unknown". */
  private readonly keptPastExpiryMs: number

  constructor(keptPastExpiryMs = 0) {
    this.keptPastExpiryMs = keptPastExpiryMs
  }

  add(key: string, entry: T, now: number): void {
    for (const [existing, stored] of this.entries) {
      if (stored.expiresAt + this.keptPastExpiryMs <= now) this.entries.delete(existing)
    }
    this.entries.set(key, entry)
  }

  /** The entry, expired or not: callers decide what an expired one means. */
  get(key: string): T | undefined {
    return this.entries.get(key)
  }

  /** Every entry, expired or not. */
  values(): IterableIterator<T> {
    return this.entries.values()
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }

  /** How many entries are remembered, for tests of the pruning. */
  get size(): number {
    return this.entries.size
  }
}
