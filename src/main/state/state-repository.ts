import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { ConsoleUserError } from '../console-user-error.ts'
import type { Logger } from '../logger.ts'
import { consoleStateSchema, emptyConsoleState, STATE_VERSION, type ConsoleState } from './console-state.ts'
import { stateMigrations, type MigratableStore } from './state-migrations.ts'
import { createSerialState, type SerialState } from './serial-state.ts'

/** The console's saved state. Every write goes through `update`, which saves and then announces. */
export type StateRepository = SerialState<ConsoleState>

/** The options both electron-store and conf understand; the shell picks which one opens the file. */
export interface StateFileOptions {
  cwd: string
  configName: string
  schema: Record<string, object>
  projectVersion: string
  migrations: Record<string, (store: MigratableStore) => void>
  clearInvalidConfig: false
  defaults: Record<string, unknown>
}

export interface StateFile {
  readonly path: string
  store: Record<string, unknown>
}

export type OpenStateFile = (options: StateFileOptions) => StateFile

export interface StateRecovery {
  backupFile: string
  reason: string
}

export const STATE_FILE_NAME = 'console-state'

function jsonSchemaOf(schema: z.ZodType): object {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>
  return rest
}

export function stateFileOptions(dataDir: string): StateFileOptions {
  return {
    cwd: dataDir,
    configName: STATE_FILE_NAME,
    schema: Object.fromEntries(
      Object.entries(consoleStateSchema.shape).map(([key, schema]) => [key, jsonSchemaOf(schema)])
    ),
    projectVersion: STATE_VERSION,
    migrations: stateMigrations,
    clearInvalidConfig: false,
    defaults: { ...emptyConsoleState }
  }
}

/**
 * Opens the state file. A file that cannot be read or fails the schema is moved aside with a
 * timestamped name rather than overwritten, and the recovery is reported so the console can say so.
 */
export function openStateRepository(
  dataDir: string,
  openFile: OpenStateFile,
  { logger, now = () => new Date() }: { logger: Logger; now?: () => Date }
): { repository: StateRepository; recovery: StateRecovery | null } {
  const options = stateFileOptions(dataDir)
  let recovery: StateRecovery | null = null
  let file: StateFile
  try {
    file = openFile(options)
  } catch (error) {
    const path = join(dataDir, `${STATE_FILE_NAME}.json`)
    if (!existsSync(path)) throw error
    const backupFile = join(dataDir, `${STATE_FILE_NAME}.unreadable-${now().toISOString().replaceAll(':', '-')}.json`)
    renameSync(path, backupFile)
    recovery = { backupFile, reason: error instanceof Error ? error.message : String(error) }
    file = openFile(options)
  }
  return { repository: createSerialState(consoleStateSchema.parse(file.store), (state) => saveTo(file, state), logger), recovery }
}

/** Answers with what it stored, so memory holds exactly what the next launch will read. */
function saveTo(file: StateFile, state: ConsoleState): ConsoleState {
  // A state that breaks the schema is a bug, not the administrator's problem: it fails as it is.
  const checked = consoleStateSchema.parse(state)
  const internal = Object.fromEntries(Object.entries(file.store).filter(([key]) => key.startsWith('__')))
  try {
    file.store = { ...internal, ...checked }
    return checked
  } catch (error) {
    throw new ConsoleUserError(
      'stateNotSaved',
      'The console could not save its data. Check that its data folder is writable and the disk has free space, then try again.',
      { cause: error }
    )
  }
}
