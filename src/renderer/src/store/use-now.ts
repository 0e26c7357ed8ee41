import { useStore } from 'zustand'
import { createClockStore } from './clock-store.ts'

export const clockStore = createClockStore()

/** The current time, refreshed every tick of the page's clock (started once, in App). */
export function useNow(): Date {
  return useStore(clockStore, (clock) => clock.now)
}
