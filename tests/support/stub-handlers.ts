import type { ConsoleHandlers } from '../../src/main/ipc/console-handlers.ts'
import { methodNames } from '../../src/shared/contract-names.ts'

/** Handlers for tests about the carriers: each method a test does not give fails if it is called. */
export function stubHandlers(given: Partial<ConsoleHandlers>): ConsoleHandlers {
  const stubs = Object.fromEntries(
    methodNames.map((method) => [
      method,
      () => {
        throw new Error(`${method} is not used in this test`)
      }
    ])
  )
  return { ...stubs, ...given } as ConsoleHandlers
}
