import { randomUUID } from 'node:crypto'
import type { ActivityEntry } from '../../shared/microsoft-365.ts'
import type { ConsoleEventHub } from '../console-events.ts'
import { ACTIVITY_LIMIT, type ConsoleState } from '../state/console-state.ts'
import type { StateRepository } from '../state/state-repository.ts'

export type NewActivity = Omit<ActivityEntry, 'id'>

/** A pure state change, so an entry is written in the same save as the change it records. */
export function withActivity(state: ConsoleState, ...entries: NewActivity[]): ConsoleState {
  const added = entries.map((entry) => ({ id: randomUUID(), ...entry }))
  return { ...state, activity: [...state.activity, ...added].slice(-ACTIVITY_LIMIT) }
}

/** Newest first, as the page lists it. */
export function listActivity(state: ConsoleState): ActivityEntry[] {
  return [...state.activity].reverse()
}

/** Announces the history whenever a save changed it. */
export function announceActivity(repository: StateRepository, events: ConsoleEventHub): void {
  let last = repository.read().activity
  repository.onChange((state) => {
    if (state.activity.length === last.length && state.activity.at(-1)?.id === last.at(-1)?.id) return
    last = state.activity
    events.emit('activityChanged', listActivity(state))
  })
}
