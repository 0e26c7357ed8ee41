import type { PermissionGrant } from '../../../shared/heartbeat.ts'
import type { Logger } from '../../logger.ts'
import type { StateRepository } from '../../state/state-repository.ts'
import type { CurrentCloud } from '../microsoft-cloud-session.ts'

export interface PermissionGrantFlowDeps {
  repository: StateRepository
  cloud: () => Promise<CurrentCloud>
  /** Opens a URL in the system browser. */
  openBrowser: (url: string) => Promise<void>
  logger: Logger
  now: () => Date
  timeLimitMs: number
  /** Called whenever `state()` changes. */
  onChange: () => void
}

/**
 * GRANT PERMISSIONS: Microsoft's admin consent endpoint for the permissions the last heartbeat found
 * missing, answered on a loopback listener of the console's own (MSAL's cannot receive it).
 * TODO(issue 10): implemented by the GRANT PERMISSIONS work.
 */
export class PermissionGrantFlow {
  readonly #deps: PermissionGrantFlowDeps

  constructor(deps: PermissionGrantFlowDeps) {
    this.#deps = deps
  }

  state(): PermissionGrant {
    return { step: 'idle' }
  }

  /** Opens the browser and answers at once; the outcome arrives through `onChange`. */
  start(): PermissionGrant {
    void this.#deps
    throw new Error('not implemented')
  }

  cancel(): PermissionGrant {
    throw new Error('not implemented')
  }

  /** A heartbeat finished at `at`: a grant it has seen goes back to idle. */
  heartbeatFinished(at: Date): void {
    void at
  }

  /** Ends a wait for the browser and frees the port; for quit and disconnect. */
  close(): Promise<void> {
    return Promise.resolve()
  }
}
