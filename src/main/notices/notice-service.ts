import type { Notice } from '../../shared/notices.ts'
import type { ConsoleEventHub } from '../console-events.ts'

export class NoticeService {
  #notices: Notice[] = []
  readonly #events: ConsoleEventHub

  constructor(events: ConsoleEventHub) {
    this.#events = events
  }

  list(): Notice[] {
    return [...this.#notices]
  }

  raise(notice: Notice): void {
    this.#notices = [...this.#notices.filter(({ id }) => id !== notice.id), notice]
    this.#events.emit('noticesChanged', this.list())
  }

  dismiss(id: string): Notice[] {
    this.#notices = this.#notices.filter((notice) => notice.id !== id)
    this.#events.emit('noticesChanged', this.list())
    return this.list()
  }
}
