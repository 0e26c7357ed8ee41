import { readMicrosoftCloudSetting, type MicrosoftCloudSetting } from './microsoft-cloud/microsoft-cloud-config.ts'

/** Settings that come from the environment (DESIGN.md, contracts). */
export interface ConsoleConfig {
  dataDir: string
  microsoftCloud: MicrosoftCloudSetting
}

/** Throws MicrosoftCloudConfigError, with a message for the administrator, when an M365_* setting is wrong. */
export function readConsoleConfig(env: NodeJS.ProcessEnv, defaultDataDir: string): ConsoleConfig {
  const dataDir = env.CONSOLE_DATA_DIR?.trim()
  return { dataDir: dataDir ? dataDir : defaultDataDir, microsoftCloud: readMicrosoftCloudSetting(env) }
}
