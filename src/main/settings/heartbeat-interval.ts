import { DEFAULT_HEARTBEAT_SECONDS } from '../../shared/heartbeat.ts'
import type { SettingsView } from '../../shared/settings.ts'

/** A day: a longer interval would leave a revoked consent unseen for too long to call it watching. */
const LONGEST_SECONDS = 86_400

/**
 * CONSOLE_HEARTBEAT_SECONDS (DESIGN.md) wins over Settings. It accepts any whole number of seconds
 * up to a day, shorter than Settings offers, so tests and demos need not wait minutes; a value that
 * is not one is ignored rather than guessed at.
 */
export function heartbeatIntervalIn(env: NodeJS.ProcessEnv, saved: number | undefined): SettingsView['heartbeatInterval'] {
  const fromEnvironment = env.CONSOLE_HEARTBEAT_SECONDS?.trim()
  if (fromEnvironment && /^\d+$/.test(fromEnvironment)) {
    const seconds = Number(fromEnvironment)
    if (seconds >= 1 && seconds <= LONGEST_SECONDS) return { seconds, source: 'environment' }
  }
  return saved === undefined ? { seconds: DEFAULT_HEARTBEAT_SECONDS, source: 'default' } : { seconds: saved, source: 'settings' }
}
