import type { HeartbeatRecord, HeartbeatTrigger } from '../../../shared/heartbeat.ts'
import type { Logger } from '../../logger.ts'
import type { StateRepository } from '../../state/state-repository.ts'
import type { CurrentCloud } from '../microsoft-cloud-session.ts'

export interface Microsoft365HeartbeatDeps {
  repository: StateRepository
  cloud: () => Promise<CurrentCloud>
  logger: Logger
  now: () => Date
  /** The Graph client's retry settings; tests shorten them. */
  graphRetry?: { delaySeconds?: number; maxRetries?: number }
}

/**
 * One heartbeat: a silent token for named scopes, one Graph $batch (the tenant, and the tenant-wide
 * grant against the permission manifest), and the audit-log probe. The result is stored through the
 * repository's serialised update, never over a disconnect that happened meanwhile.
 * TODO(issue 10): implemented by the heartbeat work.
 */
export class Microsoft365Heartbeat {
  readonly #deps: Microsoft365HeartbeatDeps

  constructor(deps: Microsoft365HeartbeatDeps) {
    this.#deps = deps
  }

  /** The stored record, or null when nothing was connected or a disconnect won. Never rejects. */
  beat(trigger: HeartbeatTrigger): Promise<HeartbeatRecord | null> {
    void this.#deps
    void trigger
    throw new Error('not implemented')
  }
}
