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
  /** The state as of the last completed update: frozen all the way down, and shared by every reader. */
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
  let current = deepFreeze(initial)
  let queue: Promise<unknown> = Promise.resolve()
  const listeners = new Set<(state: T) => void>()

  const apply = async (change: StateChange<T>): Promise<T> => {
    // The latest state is frozen, so a change that edits it in place throws there and then, and leaves
    // nothing half-applied behind.
    const stored = deepFreeze(await save(change(current)))
    // Keeping and announcing happen in one turn of the event loop: a read in between could
    // otherwise pair the new state with the previous event's revision.
    current = stored
    for (const listener of listeners) {
      try {
        listener(stored)
      } catch (error) {
        logger.error('a state change listener failed', { error })
      }
    }
    return stored
  }

  return {
    // No copy: every reader shares the one frozen state. A heartbeat reads it a dozen times, and a
    // copy of 200 heartbeat records each time was most of a heartbeat's own CPU (bench/RESULTS.md).
    read: () => current,
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

/**
 * Freezes `value` and everything it holds. A part already frozen was frozen here before, when a save
 * hands back parts of the state it was given, so it is not walked again.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  Object.freeze(value)
  for (const part of Object.values(value)) deepFreeze(part)
  return value
}
