import type { HeartbeatTrigger } from '../../../shared/heartbeat.ts'

/** Whether a heartbeat reached Microsoft: a failed one is retried sooner, backing off. */
export type HeartbeatRunResult = 'reached' | 'failed'

export interface HeartbeatTimers {
  setTimeout: (callback: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}

export interface HeartbeatSchedulerOptions {
  /** Asked at each scheduling, since Settings may change it. */
  intervalMs: () => number
  /** One heartbeat; never rejects. */
  run: (trigger: HeartbeatTrigger) => Promise<HeartbeatRunResult>
  now: () => Date
  /** Called whenever `nextAt` or `running` changes, so the status dialog can follow. */
  onChange: () => void
  timers?: HeartbeatTimers
  /** In [0, 1); spreads heartbeats so many consoles do not beat in step. */
  random?: () => number
  /** A run that threw despite its promise: it counts as failed, and whoever owns the logger says so. */
  onError?: (error: unknown) => void
}

/** The first retry after a failed heartbeat; each further failure doubles it, up to the interval. */
export const FIRST_RETRY_MS = 30_000
/** How far a delay strays either way: enough to spread a fleet, too little for the admin to notice. */
export const JITTER = 0.1
/** However short the interval or the backoff, heartbeats never come closer than this: no busy loop. */
export const SHORTEST_DELAY_MS = 1_000
/** Node's timers fire at once for anything longer. */
const LONGEST_TIMER_MS = 2 ** 31 - 1

// Resolved at each call, so that fake timers installed after construction are the ones used.
const globalTimers: HeartbeatTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0])
}

/** The next heartbeat: measured from `from`, stretched by `factor` (the jitter drawn when it was scheduled). */
interface Scheduled {
  from: number
  factor: number
  retry: boolean
}

/**
 * When heartbeats run: at start, on the interval, on resume and when the network returns. One at a
 * time: a trigger during a heartbeat joins it. Jittered, and backing off after failures.
 */
export class HeartbeatScheduler {
  readonly #options: HeartbeatSchedulerOptions
  readonly #timers: HeartbeatTimers
  readonly #random: () => number
  #started = false
  // Bumped by start and stop: a heartbeat that ran across them belongs to a connection that is gone.
  #generation = 0
  #restartTrigger: HeartbeatTrigger = 'connect'
  #current: Promise<void> | null = null
  #lastStartedAt = 0
  #failures = 0
  #scheduled: Scheduled | null = null
  #timer: unknown = null
  #nextAt: number | null = null
  #announced: { running: boolean; nextAt: number | null } = { running: false, nextAt: null }

  constructor(options: HeartbeatSchedulerOptions) {
    this.#options = options
    this.#timers = options.timers ?? globalTimers
    this.#random = options.random ?? Math.random
  }

  /** Starts watching: a heartbeat now, then on the interval. Idempotent while started. */
  start(trigger: HeartbeatTrigger): void {
    if (this.#started) return
    this.#started = true
    this.#generation += 1
    this.#failures = 0
    // A heartbeat from before the last stop is still finishing: this one follows it rather than overlapping.
    if (this.#current) this.#restartTrigger = trigger
    else void this.#beat(trigger)
  }

  /**
   * The connection was renewed (a reconnect): a heartbeat now, and one under way checks what was
   * there before, so its result is not taken and a new one follows it. Ignored when stopped.
   */
  restart(trigger: HeartbeatTrigger): void {
    if (!this.#started) return
    this.#started = false
    this.start(trigger)
  }

  /** Runs a heartbeat now, or joins the one under way; resolves when it is done. Ignored when stopped. */
  trigger(trigger: HeartbeatTrigger): Promise<void> {
    if (!this.#started) return Promise.resolve()
    return this.#current ?? this.#beat(trigger)
  }

  /** Stops the timer and waits for a heartbeat under way. */
  async stop(): Promise<void> {
    if (this.#started) {
      this.#started = false
      this.#generation += 1
      this.#unschedule()
      this.#announce()
    }
    await this.#current
  }

  /** The interval changed in Settings: the next heartbeat is rescheduled from the last one. */
  intervalChanged(): void {
    // While a heartbeat runs, its end schedules the next one with the new interval anyway.
    if (!this.#started || !this.#scheduled) return
    this.#arm(this.#scheduled)
    this.#announce()
  }

  nextAt(): Date | null {
    return this.#nextAt === null ? null : new Date(this.#nextAt)
  }

  running(): boolean {
    return this.#current !== null
  }

  #beat(trigger: HeartbeatTrigger): Promise<void> {
    this.#unschedule()
    const generation = this.#generation
    this.#lastStartedAt = this.#now()
    let settle: () => void = () => {}
    const beat = new Promise<void>((resolve) => (settle = resolve))
    // Set before the run starts, so that anything the run calls already sees a heartbeat under way.
    this.#current = beat
    this.#announce()
    void this.#runGuarded(trigger)
      .then((result) => this.#finished(generation, result))
      .catch((error: unknown) => this.#options.onError?.(error))
      .finally(settle)
    return beat
  }

  async #runGuarded(trigger: HeartbeatTrigger): Promise<HeartbeatRunResult> {
    try {
      return await this.#options.run(trigger)
    } catch (error) {
      this.#options.onError?.(error)
      return 'failed'
    }
  }

  async #finished(generation: number, result: HeartbeatRunResult): Promise<void> {
    this.#current = null
    if (generation !== this.#generation) {
      if (this.#started) return this.#beat(this.#restartTrigger)
      this.#announce()
      return
    }
    this.#failures = result === 'failed' ? this.#failures + 1 : 0
    // The interval runs from start to start; a retry waits from the failure, which may have taken long.
    const retry = this.#failures > 0
    this.#arm({ from: retry ? this.#now() : this.#lastStartedAt, factor: 1 + (this.#random() * 2 - 1) * JITTER, retry })
    this.#announce()
  }

  #arm(scheduled: Scheduled): void {
    this.#clearTimer()
    this.#scheduled = scheduled
    const now = this.#now()
    const due = Math.max(Math.round(scheduled.from + Math.max(this.#delayMs(scheduled), SHORTEST_DELAY_MS)), now)
    this.#nextAt = due
    const handle = this.#timers.setTimeout(() => {
      this.#timer = null
      void this.#beat(scheduled.retry ? 'retry' : 'interval')
    }, Math.min(due - now, LONGEST_TIMER_MS))
    unref(handle)
    this.#timer = handle
  }

  #delayMs({ factor, retry }: Scheduled): number {
    const asked = this.#options.intervalMs()
    const interval = Number.isFinite(asked) && asked > 0 ? asked : SHORTEST_DELAY_MS
    const nominal = retry ? Math.min(FIRST_RETRY_MS * 2 ** (this.#failures - 1), interval) : interval
    return nominal * factor
  }

  #unschedule(): void {
    this.#clearTimer()
    this.#scheduled = null
    this.#nextAt = null
  }

  #clearTimer(): void {
    if (this.#timer === null) return
    this.#timers.clearTimeout(this.#timer)
    this.#timer = null
  }

  #announce(): void {
    const running = this.running()
    if (running === this.#announced.running && this.#nextAt === this.#announced.nextAt) return
    this.#announced = { running, nextAt: this.#nextAt }
    this.#options.onChange()
  }

  #now(): number {
    return this.#options.now().getTime()
  }
}

/** A heartbeat is no reason to keep a process alive that has nothing else to do. */
function unref(handle: unknown): void {
  const timer = handle as { unref?: () => void } | null
  if (typeof timer?.unref === 'function') timer.unref()
}
