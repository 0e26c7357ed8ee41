import type { Logger } from '../logger.ts'

/** A change to the state: a function of the latest state, which may wait for I/O before answering. */
export type StateChange<T> = (latest: T) => T | Promise<T>

export interface SerialState<T> {
  /** The state as of the last completed update. */
  read(): T
  /**
   * Applies the change to the latest state, saves the result and announces it, in that order.
   * Updates run one at a time in the order they were asked for, so none overwrites another.
   * A change or a save that fails rejects that caller only and leaves the state as it was.
   */
  update(change: StateChange<T>): Promise<T>
  /** Hears every saved change; the one way services learn to announce one. */
  onChange(listener: (state: T) => void): () => void
}

export function createSerialState<T>(initial: T, save: (state: T) => void, logger: Logger): SerialState<T> {
  let current = initial
  let queue: Promise<unknown> = Promise.resolve()
  const listeners = new Set<(state: T) => void>()

  const apply = async (change: StateChange<T>): Promise<T> => {
    // A copy, so a change that edits in place and then fails leaves nothing half-applied behind.
    const next = await change(structuredClone(current))
    save(next)
    // Saving, keeping and announcing happen in one turn of the event loop: a read in between
    // could otherwise pair the new state with the previous event's revision.
    current = next
    for (const listener of listeners) {
      try {
        listener(next)
      } catch (error) {
        logger.error('a state change listener failed', { error })
      }
    }
    return structuredClone(next)
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
