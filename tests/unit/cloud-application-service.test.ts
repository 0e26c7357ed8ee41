import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CloudApplicationService } from '../../src/main/cloud-applications/cloud-application-service.ts'
import { ConsoleEventHub } from '../../src/main/console-events.ts'
import { silentLogger } from '../../src/main/logger.ts'
import { openConfStateFile } from '../../src/main/state/conf-state-file.ts'
import { openStateRepository } from '../../src/main/state/state-repository.ts'
import type { EventName } from '../../src/shared/contract.ts'
import { connectedRecord } from '../support/connection-records.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const connected = connectedRecord()

describe('the cloud application service', () => {
  let dir: ReturnType<typeof makeTempDir>
  beforeEach(() => {
    dir = makeTempDir('cloud-applications')
  })
  afterEach(() => dir.remove())

  it('announces every stored change to the connections, with no call of its own from the writer', async () => {
    const events = new ConsoleEventHub(silentLogger)
    const { repository } = openStateRepository(dir.path, openConfStateFile, { logger: silentLogger })
    const service = new CloudApplicationService(repository, events)
    const heard: Array<[EventName, unknown]> = []
    events.subscribe((event, payload) => heard.push([event, payload]))

    await repository.update((latest) => ({ ...latest, connections: { microsoft365: connected } }))

    const expected = [{ id: 'microsoft365', name: 'Microsoft 365', connection: connected }]
    expect(heard).toEqual([['cloudApplicationsChanged', { revision: 1, value: expected }]])
    expect(service.list()).toEqual(expected)
  })
})
