import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { relativeTime, timeLeft } from '../../src/renderer/src/connection-status.ts'
import { CLOCK_TICK_MS, COUNTDOWN_TICK_MS, createClockStore, startClock } from '../../src/renderer/src/store/clock-store.ts'

describe('the page’s clock', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-27T10:03:00.000Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('moves relative times on while the page stays open, and stops when told', () => {
    const clock = createClockStore()
    const stop = startClock(clock)
    const lastHeartbeat = '2026-11-27T10:00:00.000Z'
    expect(relativeTime(lastHeartbeat, clock.getState().now)).toBe('3 minutes ago')

    vi.advanceTimersByTime(2 * 60_000)
    expect(relativeTime(lastHeartbeat, clock.getState().now)).toBe('5 minutes ago')

    stop()
    vi.advanceTimersByTime(10 * 60_000)
    expect(relativeTime(lastHeartbeat, clock.getState().now)).toBe('5 minutes ago')
  })

  it('ticks at least twice a minute', () => {
    const clock = createClockStore()
    const stop = startClock(clock)
    const started = clock.getState().now.getTime()
    vi.advanceTimersByTime(CLOCK_TICK_MS)
    expect(clock.getState().now.getTime() - started).toBe(CLOCK_TICK_MS)
    expect(CLOCK_TICK_MS).toBeLessThanOrEqual(30_000)
    stop()
  })

  it('ticks every second while a countdown shows, and back to its usual pace after', () => {
    const clock = createClockStore()
    const stopUsual = startClock(clock)
    const deadline = '2026-11-27T10:05:00.000Z'
    const stopCountdown = startClock(clock, COUNTDOWN_TICK_MS)
    expect(timeLeft(deadline, clock.getState().now)).toBe('02:00')
    vi.advanceTimersByTime(1_000)
    expect(timeLeft(deadline, clock.getState().now)).toBe('01:59')
    stopCountdown()
    vi.advanceTimersByTime(1_000)
    expect(timeLeft(deadline, clock.getState().now)).toBe('01:59')
    vi.advanceTimersByTime(CLOCK_TICK_MS)
    expect(timeLeft(deadline, clock.getState().now)).toBe('01:30')
    stopUsual()
  })
})
