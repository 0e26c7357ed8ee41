import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createConsoleServices } from '../../src/main/composition.ts'
import type { EventName } from '../../src/shared/contract.ts'
import { testConsoleEnvironment } from '../support/console-host.ts'
import { makeTempDir } from '../support/temp-dir.ts'

describe('the console services', () => {
  let dir: ReturnType<typeof makeTempDir>
  beforeEach(() => {
    dir = makeTempDir('console-services')
  })
  afterEach(() => dir.remove())

  const create = () => createConsoleServices(testConsoleEnvironment(dir.path))

  it('lists Microsoft 365 as not connected on a first launch, with no notices', async () => {
    const { handlers } = create()
    expect(await handlers.listCloudApplications()).toEqual({
      revision: 0,
      value: [{ id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' } }]
    })
    expect(await handlers.listNotices()).toEqual({ revision: 0, value: [] })
  })

  it('raises a notice naming the backup when the saved state was unreadable, until it is dismissed', async () => {
    writeFileSync(join(dir.path, 'console-state.json'), 'not json at all')
    const { handlers, events } = create()
    const [notice] = (await handlers.listNotices()).value
    expect(notice).toMatchObject({ kind: 'stateRecovered', backupFile: expect.stringContaining('console-state.unreadable-') as unknown })

    const seen: Array<[EventName, unknown]> = []
    events.subscribe((event, payload) => seen.push([event, payload]))
    expect(await handlers.dismissNotice(notice?.id ?? '')).toEqual({ revision: 1, value: [] })
    expect(seen).toEqual([['noticesChanged', { revision: 1, value: [] }]])
    expect(await handlers.listNotices()).toEqual({ revision: 1, value: [] })
  })
})
