import Conf from 'conf'
import type { OpenStateFile } from './state-repository.ts'

/**
 * Opens the state file with conf, electron-store's core, for the web preview and tests: outside
 * Electron, electron-store itself cannot be imported.
 */
export const openConfStateFile: OpenStateFile = (options) =>
  new Conf(options)
