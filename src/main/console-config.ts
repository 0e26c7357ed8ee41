import { chooseMicrosoftCloud, type MicrosoftCloudSetting } from './microsoft-cloud/microsoft-cloud-config.ts'

/** Settings that come from the environment (DESIGN.md, contracts). */
export interface ConsoleConfig {
  dataDir: string
  microsoftCloud: MicrosoftCloudSetting
}

export interface ConsoleConfigSources {
  env: NodeJS.ProcessEnv
  defaultDataDir: string
  /** True where a missing client ID may fall back to the built-in sandbox: development and the web preview. */
  mayUseBuiltInSandbox: boolean
  builtInClientId?: string | undefined
}

/** Throws MicrosoftCloudConfigError, with a message for the administrator, when an M365_* setting is wrong. */
export function readConsoleConfig(sources: ConsoleConfigSources): ConsoleConfig {
  const dataDir = sources.env.CONSOLE_DATA_DIR?.trim()
  return {
    dataDir: dataDir ? dataDir : sources.defaultDataDir,
    microsoftCloud: chooseMicrosoftCloud({
      env: sources.env,
      mayUseBuiltInSandbox: sources.mayUseBuiltInSandbox,
      builtInClientId: sources.builtInClientId
    })
  }
}
