import type { Notice } from '../../shared/notices.ts'
import type { ConsoleEventHub } from '../console-events.ts'
import type { Logger } from '../logger.ts'
import { createSerialState, type SerialState } from '../state/serial-state.ts'

/** Notices live for one run of the console, so they are kept in memory, with the same update rules as the saved state. */
export class NoticeService {
  readonly #notices: SerialState<Notice[]>

  /** `initial` holds what start-up found, before any window could have heard an event. */
  constructor(events: ConsoleEventHub, logger: Logger, initial: Notice[] = []) {
    this.#notices = createSerialState(initial, (notices) => notices, logger)
    this.#notices.onChange((notices) => events.emit('noticesChanged', notices))
  }

  list(): Notice[] {
    return this.#notices.read()
  }

  async raise(notice: Notice): Promise<void> {
    await this.#notices.update((notices) => [...notices.filter(({ id }) => id !== notice.id), notice])
  }

  async dismiss(id: string): Promise<void> {
    await this.#notices.update((notices) => notices.filter((notice) => notice.id !== id))
  }
}
