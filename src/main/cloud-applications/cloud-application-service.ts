import type { CloudApplication, CloudApplicationId } from '../../shared/cloud-applications.ts'
import type { ConsoleEventHub } from '../console-events.ts'
import type { ConsoleState } from '../state/console-state.ts'
import type { StateRepository } from '../state/state-repository.ts'

/** The applications this build can really connect. Tiles are drawn only for these. */
const supportedApplications: ReadonlyArray<{ id: CloudApplicationId; name: string }> = [
  { id: 'microsoft365', name: 'Microsoft 365' }
]

function applicationsIn({ connections }: ConsoleState): CloudApplication[] {
  return supportedApplications.map(({ id, name }) => ({
    id,
    name,
    connection: connections[id] ?? { status: 'notConnected' }
  }))
}

export class CloudApplicationService {
  readonly #repository: StateRepository

  constructor(repository: StateRepository, events: ConsoleEventHub) {
    this.#repository = repository
    // Whatever changes a stored connection (connect, heartbeat, disconnect) goes through
    // `repository.update`, so every window redraws without the writer having to remember to say so.
    repository.onChange((state) => events.emit('cloudApplicationsChanged', applicationsIn(state)))
  }

  list(): CloudApplication[] {
    return applicationsIn(this.#repository.read())
  }
}
