import { consoleMethods, isMethodName, type CallErrorCode, type CallOutcome, type MethodName } from '../../shared/contract.ts'
import { ConsoleUserError } from '../console-user-error.ts'
import type { Logger } from '../logger.ts'
import type { ConsoleHandlers } from './console-handlers.ts'

export interface CallSender {
  /** The URL of the frame that made the call, as Electron or the preview server saw it. */
  url: string | null
}

export type Dispatch = (method: string, args: unknown, sender: CallSender) => Promise<CallOutcome<unknown>>

/**
 * Turns the handlers into one entry point shared by Electron's ipcMain and the web preview, so the
 * sender check and the schema check cannot differ between the two.
 */
export function createDispatcher(
  handlers: ConsoleHandlers,
  isTrustedSender: (sender: CallSender) => boolean,
  logger: Logger
): Dispatch {
  return async (method, args, sender) => {
    if (!isTrustedSender(sender)) {
      logger.warn('refused a call from an unknown sender', { method, sender: sender.url })
      return refuse('untrustedSender', 'This window is not allowed to talk to the console.')
    }
    if (!isMethodName(method)) {
      return refuse('unknownMethod', `The console has no method named “${method}”.`)
    }
    const spec = consoleMethods[method]
    const parsed = spec.args.safeParse(args)
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
      return refuse('invalidArguments', `Invalid arguments for ${method}: ${detail.join('; ')}`)
    }
    try {
      const value = await call(handlers, method, parsed.data)
      // Parsing the result drops any field the contract does not name, so nothing internal leaks out.
      return { ok: true, value: spec.result.parse(value) }
    } catch (error) {
      logger.error(`${method} failed`, { error })
      // Only messages written for people cross to the page; anything else may hold paths, tenant
      // IDs or a library's internals, and stays in the (redacted) log.
      if (error instanceof ConsoleUserError) return refuse(error.code, error.message)
      return refuse('failed', unexpectedFailure)
    }
  }
}

const unexpectedFailure = 'The console could not complete the request. Try again; if it keeps failing, restart the console.'

function call(handlers: ConsoleHandlers, method: MethodName, args: unknown[]): unknown {
  const handler = handlers[method] as (...values: unknown[]) => unknown
  return handler(...args)
}

function refuse(code: CallErrorCode, message: string) {
  return { ok: false as const, error: { code, message } }
}
