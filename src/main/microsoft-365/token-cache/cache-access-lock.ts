/**
 * MSAL brackets every cache use with beforeCacheAccess and afterCacheAccess, and two uses may
 * overlap (a heartbeat's silent call during a sign-in). Holding a lock from one to the other keeps
 * one use from reloading the cache under another's unsaved tokens, and keeps writes in order.
 */
export interface CacheAccessLock {
  /** Resolves with the release once every earlier holder has released. */
  acquire(): Promise<() => void>
}

/**
 * `maxHoldMs` is a safety net: MSAL pairs the calls in `finally` blocks, but a holder that never
 * releases would stall every sign-in, which is worse than a rare lost write.
 */
export function createCacheAccessLock(maxHoldMs: number, onExpired: () => void): CacheAccessLock {
  let tail: Promise<void> = Promise.resolve()
  return {
    async acquire() {
      let release!: () => void
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      const previous = tail
      tail = previous.then(() => released)
      await previous
      const expiry = setTimeout(() => {
        onExpired()
        release()
      }, maxHoldMs)
      expiry.unref()
      return () => {
        clearTimeout(expiry)
        release()
      }
    }
  }
}
