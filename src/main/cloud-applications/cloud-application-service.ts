import type { CloudApplication, CloudApplicationId } from '../../shared/cloud-applications.ts'
import type { ConsoleEventHub } from '../console-events.ts'
import type { StateRepository } from '../state/state-repository.ts'

/** The applications this build can really connect. Tiles are drawn only for these. */
const supportedApplications: ReadonlyArray<{ id: CloudApplicationId; name: string }> = [
  { id: 'microsoft365', name: 'Microsoft 365' }
]

export class CloudApplicationService {
  readonly #repository: StateRepository
  readonly #events: ConsoleEventHub

  constructor(repository: StateRepository, events: ConsoleEventHub) {
    this.#repository = repository
    this.#events = events
  }

  list(): CloudApplication[] {
    const { connections } = this.#repository.load()
    return supportedApplications.map(({ id, name }) => ({
      id,
      name,
      connection: connections[id] ?? { status: 'notConnected' }
    }))
  }

  /** Called by whatever changed a stored connection, so every window redraws from one source. */
  announceChange(): void {
    this.#events.emit('cloudApplicationsChanged', this.list())
  }
}
