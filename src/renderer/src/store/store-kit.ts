import type { StoreApi } from 'zustand/vanilla'
import type { ConsoleApi, ConsoleSnapshot } from '../../../shared/contract.ts'
import type { Unsubscribe } from '../../../shared/contract-names.ts'
import type { ConsoleStore } from './console-store.ts'

/** A failed action, said in two parts: what did not happen, and main's explanation. */
export interface ActionFailure {
  what: string
  why: string
}

/** What every slice of the store is built with. `api` is read when used, not when the store is made. */
export interface SliceKit {
  set: StoreApi<ConsoleStore>['setState']
  get: () => ConsoleStore
  api: () => ConsoleApi
}

/**
 * A slice's state and actions, plus how the store loads it and follows main's events for it. `load`
 * never rejects: a failure lands in the slice's own state, for the screen that shows it to explain.
 */
export interface Slice<S> {
  state: S
  load: () => Promise<void>
  /** Takes the slice's part of the console's snapshot, as `load` takes its own call's answer. */
  receive: (snapshot: ConsoleSnapshot) => void
  subscribe: () => Unsubscribe
}

export function describe(error: unknown): string {
  // Main sends only messages written for people (its dispatcher keeps raw errors in its log).
  return error instanceof Error && error.message ? error.message : 'The console did not answer. Try again.'
}
