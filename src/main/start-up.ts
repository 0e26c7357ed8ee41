import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import { createConsoleServices, type ConsoleEnvironment, type ConsoleServices } from './composition.ts'
import { readConsoleConfig, type ConsoleConfig } from './console-config.ts'
import { errorCode } from './error-code.ts'
import { fileSystemProblem } from './file-system-problem.ts'
import type { Logger } from './logger.ts'
import type { CurrentCloud } from './microsoft-365/microsoft-cloud-session.ts'
import type { SecretStore } from './microsoft-365/token-cache/secret-store.ts'
import { MicrosoftCloudConfigError } from './microsoft-cloud/microsoft-cloud-config.ts'
import { asStartUpFailure, StartUpFailure } from './start-up-failure.ts'
import type { OpenStateFile } from './state/state-repository.ts'

/** What a host (the Electron shell, a test) hands start-up. */
export interface StartUpHost {
  env: NodeJS.ProcessEnv
  defaultDataDir: string
  /** True where a missing client ID may fall back to the built-in sandbox: development and the web preview. */
  mayUseBuiltInSandbox: boolean
  openStateFile: OpenStateFile
  logger: Logger
  now?: () => Date
  /** The OS keychain (keytar). */
  secrets: SecretStore
  /** Opens a URL in the system browser. */
  openBrowser: (url: string) => Promise<void>
  builtInClientId?: string | undefined
  signInTimeLimitMs?: number
  /** Shows an OS notification; hosts without them leave it out. */
  notify?: ConsoleEnvironment['notify']
}

export interface StartedConsole {
  config: ConsoleConfig
  services: ConsoleServices
  /** Opened beside the window, not before it: the first paint does not wait for the sandbox's key. */
  microsoftCloud: Promise<CurrentCloud>
}

export type StartUpResult = { started: true; console: StartedConsole } | { started: false; failure: StartUpFailure }

/**
 * Every start-up step that does not need Electron, in order. Whatever goes wrong comes back as a
 * StartUpFailure that says what to do; nothing here throws, so the shell cannot be left half started.
 */
export function startConsole(host: StartUpHost): StartUpResult {
  try {
    const config = readConfig(host)
    openDataFolder(config.dataDir)
    const services = openServices(host, config.dataDir)
    return { started: true, console: { config, services, microsoftCloud: services.microsoftCloud } }
  } catch (error) {
    const failure = asStartUpFailure(error)
    host.logger.error('the console could not start', { error: failure.cause ?? failure })
    return { started: false, failure }
  }
}

function readConfig(host: StartUpHost): ConsoleConfig {
  try {
    return readConsoleConfig({
      env: host.env,
      defaultDataDir: host.defaultDataDir,
      mayUseBuiltInSandbox: host.mayUseBuiltInSandbox,
      builtInClientId: host.builtInClientId
    })
  } catch (error) {
    if (error instanceof MicrosoftCloudConfigError) throw new StartUpFailure(error.message, { cause: error })
    throw error
  }
}

function openDataFolder(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true })
    // mkdir accepts an existing file when the path names one, so ask for a folder outright.
    if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'EEXIST' })
    accessSync(dataDir, constants.R_OK | constants.W_OK)
  } catch (error) {
    throw new StartUpFailure(
      `The console cannot open its data folder ${dataDir}: ${fileSystemProblem(error)}. Check that you can write to it, or set CONSOLE_DATA_DIR to another folder.`,
      { cause: error }
    )
  }
}

function openServices(host: StartUpHost, dataDir: string): ConsoleServices {
  try {
    return createConsoleServices({
      dataDir,
      openStateFile: host.openStateFile,
      logger: host.logger,
      env: host.env,
      mayUseBuiltInSandbox: host.mayUseBuiltInSandbox,
      builtInClientId: host.builtInClientId,
      secrets: host.secrets,
      openBrowser: host.openBrowser,
      ...(host.now ? { now: host.now } : {}),
      ...(host.signInTimeLimitMs ? { signInTimeLimitMs: host.signInTimeLimitMs } : {}),
      ...(host.notify ? { notify: host.notify } : {})
    })
  } catch (error) {
    // A file-system error carries a code such as EACCES; anything else here is a bug, not a folder to fix.
    if (errorCode(error) === undefined) throw error
    throw new StartUpFailure(
      `The console cannot open its saved data in ${dataDir}: ${fileSystemProblem(error)}. Check that you can read and write the files in that folder, or set CONSOLE_DATA_DIR to another folder.`,
      { cause: error }
    )
  }
}
