/** Settings that come from the environment (DESIGN.md, contracts). */
export interface ConsoleConfig {
  dataDir: string
}

export function readConsoleConfig(env: NodeJS.ProcessEnv, defaultDataDir: string): ConsoleConfig {
  const dataDir = env.CONSOLE_DATA_DIR?.trim()
  return { dataDir: dataDir ? dataDir : defaultDataDir }
}
