/**
 * Why the console could not start, said for the administrator: what failed, why, and what to do.
 * The shell shows it in a dialog and exits with `exitCode`, so a failed start never leaves a
 * process holding the single-instance lock with no window.
 */
export class StartUpFailure extends Error {
  readonly title = 'Protection Console cannot start'
  readonly exitCode = 1

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StartUpFailure'
  }
}

/** For a failure nobody foresaw: its text was not written for people, so it goes to the log only. */
export function asStartUpFailure(error: unknown): StartUpFailure {
  if (error instanceof StartUpFailure) return error
  return new StartUpFailure(
    'The console hit an unexpected problem while starting. Its log has the details. Start it again, and if this keeps happening, contact support.',
    { cause: error }
  )
}
