import type { Revised } from '../shared/contract-names.ts'
import { CloudApplicationService } from './cloud-applications/cloud-application-service.ts'
import { ConsoleEventHub } from './console-events.ts'
import type { ConsoleHandlers } from './ipc/console-handlers.ts'
import type { Logger } from './logger.ts'
import { NoticeService } from './notices/notice-service.ts'
import { openStateRepository, type OpenStateFile } from './state/state-repository.ts'

export interface ConsoleEnvironment {
  dataDir: string
  openStateFile: OpenStateFile
  logger: Logger
  now?: () => Date
}

export interface ConsoleServices {
  handlers: ConsoleHandlers
  events: ConsoleEventHub
}

/**
 * The one composition root. The Electron shell and the web preview each hand it what only they can
 * provide (where data lives, how the state file is opened, how to log) and get back the same services.
 */
export function createConsoleServices(environment: ConsoleEnvironment): ConsoleServices {
  const { logger } = environment
  const events = new ConsoleEventHub(logger)
  const { repository, recovery } = openStateRepository(environment.dataDir, environment.openStateFile, {
    logger,
    ...(environment.now ? { now: environment.now } : {})
  })
  if (recovery) logger.warn('the saved state could not be read and was kept aside', { ...recovery })
  const notices = new NoticeService(
    events,
    logger,
    recovery ? [{ kind: 'stateRecovered', id: `stateRecovered:${recovery.backupFile}`, ...recovery }] : []
  )
  const cloudApplications = new CloudApplicationService(repository, events)

  // Read in the same turn as the value: state changes and their events also happen in one turn,
  // so the revision is exactly the last event this value already includes.
  const revised = <T>(value: T): Revised<T> => ({ revision: events.revision, value })
  const handlers: ConsoleHandlers = {
    listCloudApplications: () => revised(cloudApplications.list()),
    listNotices: () => revised(notices.list()),
    dismissNotice: async (id) => {
      await notices.dismiss(id)
      return revised(notices.list())
    }
  }
  return { handlers, events }
}
