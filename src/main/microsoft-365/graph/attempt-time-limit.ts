import type { Context, Middleware } from '@microsoft/microsoft-graph-client'

/**
 * Gives every attempt of a request its own time limit. fetch has none of its own that a person would
 * wait for (undici waits minutes for headers), and the connect dialog must not sit on "checking"
 * forever. It sits after the RetryHandler, so a retry starts a fresh limit instead of inheriting a
 * spent one, and the waits between retries do not count.
 */
export class AttemptTimeLimit implements Middleware {
  readonly #milliseconds: number
  #next: Middleware | undefined

  constructor(milliseconds: number) {
    this.#milliseconds = milliseconds
  }

  setNext(next: Middleware): void {
    this.#next = next
  }

  async execute(context: Context): Promise<void> {
    if (!this.#next) throw new Error('AttemptTimeLimit needs a next middleware.')
    const limit = AbortSignal.timeout(this.#milliseconds)
    const options = (context.options ??= {})
    options.signal = limit
    await this.#next.execute(context)
  }
}
