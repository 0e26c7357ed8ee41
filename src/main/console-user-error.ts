import type { CallErrorCode } from '../shared/contract-names.ts'

/**
 * An error main throws on purpose, with a message written for the administrator. Only these reach
 * the page in their own words; any other error is logged and the page hears a generic message,
 * because raw MSAL and file-system messages hold paths, tenant IDs and worse.
 */
export class ConsoleUserError extends Error {
  readonly code: CallErrorCode

  constructor(code: CallErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ConsoleUserError'
    this.code = code
  }
}
