import type { EventName, EventPayload } from '../shared/contract.ts'

export type ConsoleEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

/** Fans main's events out to whoever delivers them: Electron windows or the preview's event stream. */
export class ConsoleEventHub {
  #listeners = new Set<ConsoleEventListener>()

  subscribe(listener: ConsoleEventListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener(event, payload)
  }
}
