import { app, dialog } from 'electron'
import type { StartUpFailure } from '../start-up-failure.ts'

/** Says why in a dialog, then exits at once: `app.quit()` could be vetoed and leave a windowless process. */
export function showStartUpFailure(failure: StartUpFailure): void {
  dialog.showErrorBox(failure.title, failure.message)
  app.exit(failure.exitCode)
}
