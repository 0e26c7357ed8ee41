import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'

/** A sandbox tenant whose clock a test moves by hand, so that lifetimes can lapse without waiting. */
export interface SandboxOnAClock {
  readonly sandbox: SandboxTenant
  /** The sandbox's time in epoch milliseconds; add to it to let time pass. */
  clock: number
}

/**
 * Starts one sandbox for the enclosing describe block, and before each test puts its clock back to
 * now and its world back to the seed, so that no test sees the time or the changes of another.
 */
export function sandboxOnAClock(): SandboxOnAClock {
  let started: SandboxTenant | undefined
  const tenant = {
    clock: Date.now(),
    get sandbox(): SandboxTenant {
      if (!started) throw new Error('The sandbox starts in beforeAll; use it inside a test.')
      return started
    }
  }
  beforeAll(async () => {
    started = await startSandboxTenant({ now: () => tenant.clock })
  })
  afterAll(() => started?.close())
  beforeEach(() => {
    tenant.clock = Date.now()
    tenant.sandbox.scenario.reset()
  })
  return tenant
}
