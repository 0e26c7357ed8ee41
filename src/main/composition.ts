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
  const events = new ConsoleEventHub()
  const notices = new NoticeService(events)
  const { repository, recovery } = openStateRepository(environment.dataDir, environment.openStateFile, environment.now)
  if (recovery) {
    environment.logger.warn('the saved state could not be read and was kept aside', { ...recovery })
    notices.raise({ kind: 'stateRecovered', id: `stateRecovered:${recovery.backupFile}`, ...recovery })
  }
  const cloudApplications = new CloudApplicationService(repository, events)

  const handlers: ConsoleHandlers = {
    listCloudApplications: () => cloudApplications.list(),
    listNotices: () => notices.list(),
    dismissNotice: (id) => notices.dismiss(id)
  }
  return { handlers, events }
}
