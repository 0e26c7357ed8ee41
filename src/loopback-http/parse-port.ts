export type PortSetting = { ok: true; port: number } | { ok: false; message: string }

/**
 * The `PORT` setting: unset or empty means a free port (0). Anything else must be digits only, because
 * lenient parsers read `80abc` as 80 and `0x50` as 80, and a server would then listen where nobody asked.
 */
export function parsePortSetting(value: string | undefined): PortSetting {
  const text = value?.trim() ?? ''
  if (text === '') return { ok: true, port: 0 }
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN
  if (!(port >= 0 && port <= 65535)) return { ok: false, message: `PORT must be a whole number from 0 to 65535, not "${value}".` }
  return { ok: true, port }
}

/** For a server's entry point: the port `PORT` names, or exit code 2 with the reason on stderr. */
export function portFromEnvironmentOrExit(env: NodeJS.ProcessEnv): number {
  const setting = parsePortSetting(env.PORT)
  if (setting.ok) return setting.port
  console.error(setting.message)
  process.exit(2)
}
