import type { StoreApi } from 'zustand/vanilla'

/**
 * How long the first paint waits for the store's first load. That load is a local call to main, so it
 * answers at once; a main that is broken or stuck must still let the page appear and say so.
 */
export const FIRST_PAINT_WAIT_MS = 1_500

/** Resolves once the store's first load has answered, or after `atMostMs`, whichever comes first. */
export function whenLoaded(store: StoreApi<{ loaded: boolean }>, atMostMs: number = FIRST_PAINT_WAIT_MS): Promise<void> {
  return new Promise((resolve) => {
    if (store.getState().loaded) return resolve()
    const finish = () => {
      clearTimeout(timer)
      stop()
      resolve()
    }
    const timer = setTimeout(finish, atMostMs)
    const stop = store.subscribe((state) => {
      if (state.loaded) finish()
    })
  })
}
