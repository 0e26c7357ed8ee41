/**
 * Whether the console looks for updates. Only an installed build does: an unpackaged run (`npm run
 * dev`) has no app-update.yml, and electron-updater would only complain. CONSOLE_UPDATES=off turns it
 * off, for administrators who roll out versions themselves; Settings offer the same switch.
 */
export function updateChecksEnabled(env: NodeJS.ProcessEnv, isPackaged: boolean): boolean {
  if (!isPackaged) return false
  return env.CONSOLE_UPDATES?.trim().toLowerCase() !== 'off'
}
