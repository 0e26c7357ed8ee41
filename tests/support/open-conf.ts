import Conf from 'conf'
import type { OpenStateFile, StateFile } from '../../src/main/state/state-repository.ts'

/** Tests and the web preview open the state file with conf, electron-store's core, outside Electron. */
export const openConfStateFile: OpenStateFile = (options) =>
  new Conf(options as ConstructorParameters<typeof Conf>[0]) as unknown as StateFile
