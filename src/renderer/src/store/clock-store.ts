import { createStore } from 'zustand/vanilla'

/** Relative times are shown to the minute, so half a minute keeps them right without busy redraws. */
export const CLOCK_TICK_MS = 30_000
/** A countdown on screen (the time left to sign in) ticks the same clock every second while it shows. */
export const COUNTDOWN_TICK_MS = 1_000

export interface Clock {
  now: Date
  tick: () => void
}

/** The page's one notion of "now", so every relative time on screen moves on together. */
export function createClockStore(now: () => Date = () => new Date()) {
  return createStore<Clock>()((set) => ({ now: now(), tick: () => set({ now: now() }) }))
}

/** Ticks until the returned stop is called. */
export function startClock(clock: ReturnType<typeof createClockStore>, every = CLOCK_TICK_MS): () => void {
  clock.getState().tick()
  const timer = setInterval(() => clock.getState().tick(), every)
  return () => clearInterval(timer)
}
