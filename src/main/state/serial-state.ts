import type { Logger } from '../logger.ts'

/**
 * A change to the state: a pure function of the latest state. It may not wait for anything: sign-in,
 * Graph and the heartbeat do their I/O first and then merge their result in here, so that a slow
 * network call (Graph may honour Retry-After for minutes) never holds up disconnect or another write.
 */
export type StateChange<T> = (latest: T) => T

/** Stores a state and answers with what it actually stored, which may be normalised by a schema. */
export type SaveState<T> = (state: T) => T | Promise<T>

export interface SerialState<T> {
  /** The state as of the last completed update. */
  read(): T
  /**
   * Applies the change to the latest state, saves the result and announces it, in that order.
   * Updates run one at a time in the order they were asked for, so none overwrites another, even
   * while a save is still writing. A change or a save that fails rejects that caller only and leaves
   * the state as it was.
   */
  update(change: StateChange<T>): Promise<T>
  /** Hears every saved change; the one way services learn to announce one. */
  onChange(listener: (state: T) => void): () => void
}

export function createSerialState<T>(initial: T, save: SaveState<T>, logger: Logger): SerialState<T> {
  let current = initial
  let queue: Promise<unknown> = Promise.resolve()
  const listeners = new Set<(state: T) => void>()

  const apply = async (change: StateChange<T>): Promise<T> => {
    // A copy, so a change that edits in place and then fails leaves nothing half-applied behind.
    const stored = await save(change(structuredClone(current)))
    // Keeping and announcing happen in one turn of the event loop: a read in between could
    // otherwise pair the new state with the previous event's revision.
    current = stored
    for (const listener of listeners) {
      try {
        listener(structuredClone(stored))
      } catch (error) {
        logger.error('a state change listener failed', { error })
      }
    }
    return structuredClone(stored)
  }

  return {
    read: () => structuredClone(current),
    update(change) {
      const result = queue.then(() => apply(change))
      queue = result.catch(() => undefined)
      return result
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}
