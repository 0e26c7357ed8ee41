import type { ShouldRetry } from '@microsoft/microsoft-graph-client'

/** Retry-After is either seconds or an HTTP date (RFC 9110, 10.2.3); null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}

/**
 * The RetryHandler's `shouldRetry` for callers that must finish soon: it refuses a Retry-After
 * longer than `longestWaitSeconds`, which the library would otherwise honour up to 180 seconds a try.
 * The answer that asked for the long wait is what the caller gets.
 */
export function refuseLongWaits(longestWaitSeconds: number): ShouldRetry {
  return (_delay, _attempt, _request, _options, response) => {
    const asked = retryAfterSeconds(response.headers.get('retry-after'))
    return asked === null || asked <= longestWaitSeconds
  }
}
