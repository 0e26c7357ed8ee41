import { describe, expect, it } from 'vitest'
import { refuseLongWaits, retryAfterSeconds } from '../../src/main/microsoft-365/graph/retry-after.ts'

describe('Retry-After', () => {
  const now = Date.parse('2026-12-01T10:00:00Z')

  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterSeconds('12', now)).toBe(12)
    expect(retryAfterSeconds('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30)
    expect(retryAfterSeconds('Tue, 01 Dec 2026 09:59:00 GMT', now)).toBe(0)
    expect(retryAfterSeconds('soon', now)).toBeNull()
    expect(retryAfterSeconds('', now)).toBeNull()
    expect(retryAfterSeconds(null, now)).toBeNull()
  })

  it('lets the Graph client retry a wait up to the longest it may take, or one that names none, and no longer one', () => {
    const shouldRetry = refuseLongWaits(30)
    const answer = (headers: Record<string, string>) => shouldRetry(3, 1, 'https://graph.microsoft.com/v1.0/$batch', undefined, new Response(null, { status: 429, headers }))
    expect(answer({ 'Retry-After': '30' })).toBe(true)
    expect(answer({})).toBe(true)
    expect(answer({ 'Retry-After': '31' })).toBe(false)
    expect(answer({ 'Retry-After': '180' })).toBe(false)
  })
})
