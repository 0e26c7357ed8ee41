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
}

/**
 * When heartbeats run: at start, on the interval, on resume and when the network returns. One at a
 * time: a trigger during a heartbeat joins it. Jittered, and backing off after failures.
 * TODO(issue 10): implemented by the heartbeat scheduler work.
 */
export class HeartbeatScheduler {
  readonly #options: HeartbeatSchedulerOptions

  constructor(options: HeartbeatSchedulerOptions) {
    this.#options = options
  }

  /** Starts watching: a heartbeat now, then on the interval. Idempotent while started. */
  start(trigger: HeartbeatTrigger): void {
    void this.#options
    void trigger
    throw new Error('not implemented')
  }

  /** Runs a heartbeat now, or joins the one under way; resolves when it is done. Ignored when stopped. */
  trigger(trigger: HeartbeatTrigger): Promise<void> {
    void trigger
    throw new Error('not implemented')
  }

  /** Stops the timer and waits for a heartbeat under way. */
  stop(): Promise<void> {
    throw new Error('not implemented')
  }

  /** The interval changed in Settings: the next heartbeat is rescheduled from the last one. */
  intervalChanged(): void {
    throw new Error('not implemented')
  }

  nextAt(): Date | null {
    throw new Error('not implemented')
  }

  running(): boolean {
    throw new Error('not implemented')
  }
}
