/**
 * Retries `check` until it stops throwing, like vitest's `vi.waitFor`, for support code that the
 * benchmarks run outside vitest. Rejects with the last failure once `timeout` ms have passed.
 */
export async function waitUntil<T>(check: () => T | Promise<T>, { timeout = 1_000, interval = 20 } = {}): Promise<T> {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() >= deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, interval))
    }
  }
}
