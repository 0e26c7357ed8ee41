import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  FIRST_RETRY_MS,
  HeartbeatScheduler,
  SHORTEST_DELAY_MS,
  type HeartbeatRunResult,
  type HeartbeatSchedulerOptions,
  type HeartbeatTimers
} from '../../src/main/microsoft-365/heartbeat/heartbeat-scheduler.ts'
import type { HeartbeatTrigger } from '../../src/shared/heartbeat.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const t0 = Date.parse('2026-03-02T09:00:00.000Z')

/**
 * The scheduler on vitest's fake clock: each heartbeat waits until the test finishes it, so every
 * rule is checked at the exact instant it applies, with no real waiting.
 */
function scheduled(options: Partial<HeartbeatSchedulerOptions> = {}) {
  const runs: Array<{ trigger: HeartbeatTrigger; finish: (result: HeartbeatRunResult) => void; throw: (error: Error) => void }> = []
  const changes: Array<{ running: boolean; nextAt: number | null }> = []
  const settings = { intervalMs: 5 * MINUTE }
  const scheduler: HeartbeatScheduler = new HeartbeatScheduler({
    intervalMs: () => settings.intervalMs,
    now: () => new Date(),
    random: () => 0.5,
    onChange: () => changes.push({ running: scheduler.running(), nextAt: scheduler.nextAt()?.getTime() ?? null }),
    run: (trigger) => new Promise((resolve, reject) => runs.push({ trigger, finish: resolve, throw: reject })),
    ...options
  })
  /** Ends the heartbeat under way and waits until the scheduler has taken its result. */
  const finish = async (result: HeartbeatRunResult) => {
    expect(scheduler.running()).toBe(true)
    const done = scheduler.trigger('checkNow')
    runs.at(-1)?.finish(result)
    await done
  }
  const triggers = () => runs.map((run) => run.trigger)
  return { scheduler, runs, changes, settings, finish, triggers }
}

/** When the heartbeat after the one that just finished is due, relative to the start of the test. */
const nextIn = (scheduler: HeartbeatScheduler) => (scheduler.nextAt()?.getTime() ?? Number.NaN) - t0

describe('the heartbeat scheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: t0 }))
  afterEach(() => vi.useRealTimers())

  it('runs a heartbeat at once when started, then one every interval, counted from the start of the last', async () => {
    const { scheduler, finish, triggers } = scheduled()
    scheduler.start('launch')
    expect(triggers()).toEqual(['launch'])
    expect(scheduler.running()).toBe(true)
    expect(scheduler.nextAt()).toBeNull()

    vi.advanceTimersByTime(2 * SECOND)
    await finish('reached')
    expect(scheduler.running()).toBe(false)
    expect(nextIn(scheduler)).toBe(5 * MINUTE)

    vi.advanceTimersByTime(5 * MINUTE - 2 * SECOND - 1)
    expect(triggers()).toEqual(['launch'])
    vi.advanceTimersByTime(1)
    expect(triggers()).toEqual(['launch', 'interval'])
    await finish('reached')
    expect(nextIn(scheduler)).toBe(10 * MINUTE)
  })

  it('starts once: a second start while watching runs nothing more', async () => {
    const { scheduler, finish, triggers } = scheduled()
    scheduler.start('launch')
    scheduler.start('connect')
    await finish('reached')
    scheduler.start('connect')
    expect(triggers()).toEqual(['launch'])
    expect(nextIn(scheduler)).toBe(5 * MINUTE)
  })

  it('asks for the interval at each scheduling, since Settings may change it', async () => {
    const { scheduler, settings, finish } = scheduled()
    scheduler.start('launch')
    settings.intervalMs = MINUTE
    await finish('reached')
    expect(nextIn(scheduler)).toBe(MINUTE)
    settings.intervalMs = 15 * MINUTE
    vi.advanceTimersByTime(MINUTE)
    await finish('reached')
    expect(nextIn(scheduler)).toBe(16 * MINUTE)
  })

  it('reschedules from the last heartbeat’s start when the interval changes, and runs at once when that is past', async () => {
    const { scheduler, settings, finish, triggers } = scheduled()
    scheduler.start('launch')
    await finish('reached')
    vi.advanceTimersByTime(2 * MINUTE)

    settings.intervalMs = 10 * MINUTE
    scheduler.intervalChanged()
    expect(nextIn(scheduler)).toBe(10 * MINUTE)
    vi.advanceTimersByTime(5 * MINUTE)
    expect(triggers()).toEqual(['launch'])

    settings.intervalMs = MINUTE
    scheduler.intervalChanged()
    expect(nextIn(scheduler)).toBe(7 * MINUTE)
    vi.advanceTimersByTime(0)
    expect(triggers()).toEqual(['launch', 'interval'])
  })

  it('leaves a change of interval to the end of a heartbeat under way, and ignores it while stopped', async () => {
    const { scheduler, settings, finish, triggers } = scheduled()
    scheduler.intervalChanged()
    expect(scheduler.nextAt()).toBeNull()
    scheduler.start('launch')
    settings.intervalMs = MINUTE
    scheduler.intervalChanged()
    expect(scheduler.nextAt()).toBeNull()
    expect(triggers()).toEqual(['launch'])
    await finish('reached')
    expect(nextIn(scheduler)).toBe(MINUTE)
  })

  it('makes one heartbeat of overlapping triggers: they join the one under way', async () => {
    const { scheduler, runs, triggers } = scheduled()
    scheduler.start('launch')
    const resumed = scheduler.trigger('resume')
    const online = scheduler.trigger('online')
    const checkNow = scheduler.trigger('checkNow')
    expect(online).toBe(resumed)
    expect(checkNow).toBe(resumed)
    let settled = false
    void checkNow.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)

    runs[0]?.finish('reached')
    await Promise.all([resumed, online, checkNow])
    expect(triggers()).toEqual(['launch'])
  })

  it('runs a trigger between heartbeats at once, and counts the next interval from it', async () => {
    const { scheduler, finish, triggers } = scheduled()
    scheduler.start('launch')
    await finish('reached')
    vi.advanceTimersByTime(4 * MINUTE)

    void scheduler.trigger('resume')
    expect(triggers()).toEqual(['launch', 'resume'])
    expect(scheduler.nextAt()).toBeNull()
    await finish('reached')
    expect(nextIn(scheduler)).toBe(9 * MINUTE)
    vi.advanceTimersByTime(5 * MINUTE - 1)
    expect(triggers()).toEqual(['launch', 'resume'])
  })

  it('spreads each interval by up to a tenth either way, with the jitter it is given', async () => {
    const draws = [0, 0.75, 0.999_999]
    const { scheduler, finish } = scheduled({ random: () => draws.shift() ?? 0.5 })
    scheduler.start('launch')
    await finish('reached')
    expect(nextIn(scheduler)).toBe(270 * SECOND)

    vi.advanceTimersByTime(270 * SECOND)
    await finish('reached')
    expect(nextIn(scheduler)).toBe(270 * SECOND + 315 * SECOND)

    vi.advanceTimersByTime(315 * SECOND)
    await finish('reached')
    expect(nextIn(scheduler)).toBe(585 * SECOND + 330 * SECOND)
  })

  it('never schedules heartbeats closer than its floor, whatever the interval says', async () => {
    const { scheduler, settings, finish } = scheduled({ random: () => 0 })
    settings.intervalMs = 100
    scheduler.start('launch')
    await finish('reached')
    expect(nextIn(scheduler)).toBe(SHORTEST_DELAY_MS)

    settings.intervalMs = Number.NaN
    vi.advanceTimersByTime(SHORTEST_DELAY_MS)
    await finish('reached')
    expect(nextIn(scheduler)).toBe(2 * SHORTEST_DELAY_MS)
  })

  it('retries a failed heartbeat sooner, doubling the wait after each failure up to the interval, and a reached one resets it', async () => {
    const { scheduler, finish, triggers } = scheduled()
    scheduler.start('launch')
    vi.advanceTimersByTime(10 * SECOND)
    let failedAt = t0 + 10 * SECOND
    await finish('failed')
    const waits: number[] = []
    for (let failure = 1; failure <= 6; failure += 1) {
      const next = scheduler.nextAt()?.getTime() ?? Number.NaN
      waits.push(next - failedAt)
      vi.advanceTimersByTime(next - Date.now())
      expect(triggers().at(-1)).toBe('retry')
      vi.advanceTimersByTime(SECOND)
      failedAt = Date.now()
      await finish(failure < 6 ? 'failed' : 'reached')
    }
    expect(FIRST_RETRY_MS).toBe(30 * SECOND)
    expect(waits).toEqual([30 * SECOND, 60 * SECOND, 120 * SECOND, 240 * SECOND, 300 * SECOND, 300 * SECOND])

    const lastStart = failedAt - SECOND
    expect(scheduler.nextAt()?.getTime()).toBe(lastStart + 5 * MINUTE)
    vi.advanceTimersByTime(5 * MINUTE)
    expect(triggers().at(-1)).toBe('interval')
    await finish('failed')
    expect(scheduler.nextAt()?.getTime()).toBe(Date.now() + FIRST_RETRY_MS)
  })

  it('jitters the backoff too, and caps it at a short interval', async () => {
    const { scheduler, settings, finish } = scheduled({ random: () => 0 })
    scheduler.start('launch')
    await finish('failed')
    expect(nextIn(scheduler)).toBe(27 * SECOND)

    settings.intervalMs = 20 * SECOND
    vi.advanceTimersByTime(27 * SECOND)
    await finish('failed')
    expect(nextIn(scheduler)).toBe(27 * SECOND + 18 * SECOND)
  })

  it('counts a run that throws as failed, hands the error to onError, and never rejects a trigger', async () => {
    const errors: unknown[] = []
    const { scheduler, runs } = scheduled({ onError: (error) => errors.push(error) })
    scheduler.start('launch')
    const joined = scheduler.trigger('checkNow')
    runs[0]?.throw(new Error('the heartbeat broke'))
    await expect(joined).resolves.toBeUndefined()
    expect(errors).toEqual([new Error('the heartbeat broke')])
    expect(nextIn(scheduler)).toBe(FIRST_RETRY_MS)
  })

  it('survives a run that throws before it returns a promise, with no onError to tell', async () => {
    const scheduler = new HeartbeatScheduler({
      intervalMs: () => 5 * MINUTE,
      now: () => new Date(),
      onChange: () => {},
      random: () => 0.5,
      run: () => {
        throw new Error('thrown at once')
      }
    })
    await expect(scheduler.trigger('checkNow')).resolves.toBeUndefined()
    scheduler.start('launch')
    await expect(scheduler.stop()).resolves.toBeUndefined()
    scheduler.start('launch')
    await vi.advanceTimersByTimeAsync(0)
    expect(scheduler.running()).toBe(false)
    expect(nextIn(scheduler)).toBe(FIRST_RETRY_MS)
  })

  it('stops: it waits for the heartbeat under way, schedules none after it, and ignores triggers', async () => {
    const { scheduler, runs, triggers } = scheduled()
    scheduler.start('launch')
    let stopped = false
    const stopping = scheduler.stop().then(() => (stopped = true))
    await Promise.resolve()
    expect(stopped).toBe(false)

    await expect(scheduler.trigger('checkNow')).resolves.toBeUndefined()
    runs[0]?.finish('reached')
    await stopping
    expect(scheduler.running()).toBe(false)
    expect(scheduler.nextAt()).toBeNull()
    vi.advanceTimersByTime(24 * 60 * MINUTE)
    await expect(scheduler.trigger('resume')).resolves.toBeUndefined()
    expect(triggers()).toEqual(['launch'])
  })

  it('clears the waiting timer when stopped between heartbeats', async () => {
    const { scheduler, finish, triggers } = scheduled()
    scheduler.start('launch')
    await finish('reached')
    await scheduler.stop()
    expect(scheduler.nextAt()).toBeNull()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(60 * MINUTE)
    expect(triggers()).toEqual(['launch'])
  })

  it('started again while a heartbeat from before the stop finishes, runs its own after it, and ignores the old result', async () => {
    const { scheduler, runs, finish, triggers } = scheduled()
    scheduler.start('launch')
    void scheduler.stop()
    scheduler.start('connect')
    expect(triggers()).toEqual(['launch'])
    const joined = scheduler.trigger('checkNow')

    let joinedSettled = false
    void joined.then(() => (joinedSettled = true))
    runs[0]?.finish('failed')
    await vi.advanceTimersByTimeAsync(0)
    expect(triggers()).toEqual(['launch', 'connect'])
    expect(scheduler.running()).toBe(true)
    expect(joinedSettled).toBe(false)
    await finish('failed')
    await joined
    // Only the new connection's failure counts: the first retry, not the second.
    expect(scheduler.nextAt()?.getTime()).toBe(Date.now() + FIRST_RETRY_MS)
  })

  it('restarts for a renewed connection: a heartbeat at once between heartbeats, and after the one under way, whose failure does not count', async () => {
    const { scheduler, runs, finish, triggers } = scheduled()
    scheduler.start('launch')
    await finish('failed')
    expect(scheduler.nextAt()?.getTime()).toBe(Date.now() + FIRST_RETRY_MS)

    scheduler.restart('connect')
    expect(triggers()).toEqual(['launch', 'connect'])
    expect(scheduler.nextAt()).toBeNull()
    scheduler.restart('connect')
    expect(triggers()).toEqual(['launch', 'connect'])
    runs[1]?.finish('failed')
    await vi.advanceTimersByTimeAsync(0)
    expect(triggers()).toEqual(['launch', 'connect', 'connect'])
    await finish('reached')
    expect(nextIn(scheduler)).toBe(5 * MINUTE)
    vi.advanceTimersByTime(FIRST_RETRY_MS)
    expect(triggers()).toEqual(['launch', 'connect', 'connect'])
  })

  it('ignores a restart while stopped', () => {
    const { scheduler, triggers } = scheduled()
    scheduler.restart('connect')
    expect(triggers()).toEqual([])
    expect(scheduler.running()).toBe(false)
  })

  it('runs nothing more when stopped, started and stopped again while an old heartbeat finishes', async () => {
    const { scheduler, runs, triggers } = scheduled()
    scheduler.start('launch')
    void scheduler.stop()
    scheduler.start('connect')
    const stopping = scheduler.stop()
    runs[0]?.finish('reached')
    await stopping
    expect(triggers()).toEqual(['launch'])
    expect(scheduler.nextAt()).toBeNull()
  })

  it('announces each change of running and of the next heartbeat, and only those', async () => {
    const { scheduler, settings, changes, finish } = scheduled()
    scheduler.start('launch')
    expect(changes).toEqual([{ running: true, nextAt: null }])
    await finish('reached')
    expect(changes.at(-1)).toEqual({ running: false, nextAt: t0 + 5 * MINUTE })

    scheduler.intervalChanged()
    expect(changes).toHaveLength(2)
    settings.intervalMs = 10 * MINUTE
    scheduler.intervalChanged()
    expect(changes.at(-1)).toEqual({ running: false, nextAt: t0 + 10 * MINUTE })

    await scheduler.stop()
    expect(changes.at(-1)).toEqual({ running: false, nextAt: null })
    await scheduler.stop()
    expect(changes).toHaveLength(4)
  })
})

describe('the heartbeat scheduler’s timers', () => {
  it('uses the timers it is given, and lets them not keep the process alive', async () => {
    const pending = new Map<number, { callback: () => void; ms: number; unref: () => void }>()
    let ids = 0
    const timers: HeartbeatTimers = {
      setTimeout: (callback, ms) => {
        const handle = { id: (ids += 1), callback, ms, unref: vi.fn() }
        pending.set(handle.id, handle)
        return handle
      },
      clearTimeout: (handle) => pending.delete((handle as { id: number }).id)
    }
    let clock = t0
    const run = vi.fn((trigger: HeartbeatTrigger) => Promise.resolve<HeartbeatRunResult>(trigger === 'retry' ? 'failed' : 'reached'))
    const scheduler = new HeartbeatScheduler({ intervalMs: () => MINUTE, now: () => new Date(clock), onChange: () => {}, random: () => 0.5, run, timers })
    await scheduler.trigger('checkNow')
    expect(run).not.toHaveBeenCalled()

    scheduler.start('launch')
    await scheduler.trigger('checkNow')
    const [timer] = [...pending.values()]
    expect(timer?.ms).toBe(MINUTE)
    expect(timer?.unref).toHaveBeenCalled()

    clock += MINUTE
    pending.clear()
    timer?.callback()
    expect(run.mock.calls.map(([trigger]) => trigger)).toEqual(['launch', 'interval'])
    await scheduler.trigger('checkNow')
    expect(pending.size).toBe(1)
    await scheduler.stop()
    expect(pending.size).toBe(0)
  })

  it('unrefs Node’s own timers by default', async () => {
    const created: Array<ReturnType<typeof setTimeout>> = []
    const original = globalThis.setTimeout
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms: number) => {
      const handle = original(callback, ms)
      created.push(handle)
      return handle
    }) as typeof setTimeout)
    const scheduler = new HeartbeatScheduler({
      intervalMs: () => MINUTE,
      now: () => new Date(),
      onChange: () => {},
      run: () => Promise.resolve('reached')
    })
    scheduler.start('launch')
    await scheduler.trigger('checkNow')
    spy.mockRestore()
    expect(created).toHaveLength(1)
    expect(created[0]?.hasRef()).toBe(false)
    await scheduler.stop()
  })
})
