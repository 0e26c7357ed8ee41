import { consoleEvents, type EventName, type EventPayload, type EventValue } from '../shared/contract.ts'
import type { Logger } from './logger.ts'

export type ConsoleEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

/**
 * Fans main's events out to whoever delivers them: Electron windows or the preview's event stream.
 * It numbers them, so a list answer can say which events it already reflects.
 */
export class ConsoleEventHub {
  #listeners = new Set<ConsoleEventListener>()
  #revision = 0
  readonly #logger: Logger

  constructor(logger: Logger) {
    this.#logger = logger
  }

  /** The number of the last event sent; a list read now reflects every event up to it. */
  get revision(): number {
    return this.#revision
  }

  subscribe(listener: ConsoleEventListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  emit<E extends EventName>(event: E, value: EventValue<E>): void {
    // Checked here, once, so neither the IPC bridge nor the preview stream can send what the
    // contract does not describe, and fields it does not name are dropped before they leave main.
    const checked = consoleEvents[event].safeParse({ revision: this.#revision + 1, value })
    if (!checked.success) {
      this.#logger.error('an event that breaks the contract was not sent', { event, issues: checked.error.issues })
      return
    }
    this.#revision += 1
    const payload = checked.data as EventPayload<E>
    for (const listener of this.#listeners) {
      // One broken window or stream must not keep the change from the others.
      try {
        listener(event, payload)
      } catch (error) {
        this.#logger.error('a listener failed to deliver an event', { event, error })
      }
    }
  }
}
