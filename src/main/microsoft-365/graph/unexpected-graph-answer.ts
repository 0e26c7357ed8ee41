import type { z } from 'zod'

/**
 * Graph answered 2xx with a body the console cannot read. Raised instead of guessing, so that a check
 * never passes on a payload it did not understand.
 */
export class UnexpectedGraphAnswerError extends Error {
  constructor(what: string) {
    super(`Microsoft Graph answered ${what} in a shape the console does not read.`)
    this.name = 'UnexpectedGraphAnswerError'
  }
}

export function readGraphAnswer<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new UnexpectedGraphAnswerError(what)
  return parsed.data
}
