import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createConsoleServices, type ConsoleServices } from '../../src/main/composition.ts'
import { createDispatcher } from '../../src/main/ipc/dispatcher.ts'
import { silentLogger } from '../../src/main/logger.ts'
import { consoleSnapshotParts, type ConsoleSnapshotPart } from '../../src/shared/console-snapshot.ts'
import { testConsoleEnvironment } from '../support/console-host.ts'
import { makeTempDir } from '../support/temp-dir.ts'

describe('the console’s snapshot, the one call before the first paint', () => {
  let dir: ReturnType<typeof makeTempDir>
  let services: ConsoleServices | undefined
  beforeEach(() => {
    dir = makeTempDir('console-snapshot')
  })
  afterEach(async () => {
    await services?.close()
    services = undefined
    dir.remove()
  })

  /** Each part next to the answer of the call it stands for, asked separately in the same turn. */
  async function partsAndSeparateAnswers() {
    const { handlers } = services ?? expect.unreachable('no services')
    const parts = Object.entries(consoleSnapshotParts) as Array<[ConsoleSnapshotPart, (typeof consoleSnapshotParts)[ConsoleSnapshotPart]]>
    // Nothing awaited in between: no event can come between the snapshot and the separate answers.
    const snapshot = handlers.getConsoleSnapshot()
    const separately = parts.map(([part, call]) => [part, handlers[call]()] as const)
    return {
      snapshot: await snapshot,
      separately: Object.fromEntries(await Promise.all(separately.map(async ([part, answer]) => [part, await answer] as const)))
    }
  }

  it('holds exactly what each separate call answers, revisions included', async () => {
    // An unreadable state file, so the notices are not empty.
    writeFileSync(join(dir.path, 'console-state.json'), 'not json at all')
    services = createConsoleServices(testConsoleEnvironment(dir.path))
    const first = await partsAndSeparateAnswers()
    expect(first.snapshot).toEqual(first.separately)
    expect(first.snapshot.notices.value).toHaveLength(1)

    await services.handlers.setHeartbeatInterval(600)
    const later = await partsAndSeparateAnswers()
    expect(later.snapshot).toEqual(later.separately)
    expect(later.snapshot.settings.value.heartbeatInterval).toEqual({ seconds: 600, source: 'settings' })
  })

  it('reads every part at one instant: each carries the count of events main had sent by then', async () => {
    services = createConsoleServices(testConsoleEnvironment(dir.path))
    await services.handlers.setHeartbeatInterval(600)
    await services.handlers.setUpdateChecks(false)
    const { revision } = await services.handlers.getSettings()
    expect(revision).toBeGreaterThan(0)
    const snapshot = await services.handlers.getConsoleSnapshot()
    const revisions = Object.values(snapshot).flatMap((part) => ('revision' in part ? [part.revision] : []))
    expect(revisions).toEqual(Array.from({ length: 6 }, () => revision))
  })

  it('crosses the dispatcher whole: the contract describes every part, so nothing is dropped', async () => {
    services = createConsoleServices(testConsoleEnvironment(dir.path))
    const dispatch = createDispatcher(services.handlers, () => true, silentLogger)
    const outcome = await dispatch('getConsoleSnapshot', [], { url: 'console-app://renderer/' })
    expect(outcome).toEqual({ ok: true, value: await services.handlers.getConsoleSnapshot() })
  })
})
