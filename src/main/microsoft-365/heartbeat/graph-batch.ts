import { setTimeout as wait } from 'node:timers/promises'
import type { Client } from '@microsoft/microsoft-graph-client'
import { z } from 'zod'
import { retryAfterSeconds } from '../graph/retry-after.ts'
import { readGraphAnswer, UnexpectedGraphAnswerError } from '../graph/unexpected-graph-answer.ts'

/** One GET inside a JSON batch; `url` is relative to the version root, e.g. `/organization`. */
export interface BatchRequest {
  id: string
  url: string
}

/** One request's own answer inside the batch: Graph evaluates, throttles and fails each on its own. */
export interface BatchAnswer {
  status: number
  headers: Headers
  body: unknown
}

export interface BatchRetry {
  /** How many more batches may carry the requests that came back 429, 503 or 504. */
  maxRetries: number
  /** The wait, in seconds, when such an answer names no Retry-After. */
  delaySeconds: number
  /** The longest Retry-After, in seconds, worth waiting for; a longer one ends the retries at once. */
  maxDelaySeconds: number
  sleep?: (milliseconds: number) => Promise<void>
}

const batchResponse = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.unknown()).optional(),
      body: z.unknown().optional()
    })
  )
})

// The statuses the library's RetryHandler retries for a whole request, applied to each batched one.
const retriedStatuses = new Set([429, 503, 504])

/**
 * Sends GETs in one `$batch` round trip, through the client's middleware (so the RetryHandler
 * honours Retry-After for the batch as a whole), and answers each request by its id. Requests that
 * came back 429, 503 or 504 go out again in a smaller batch after their Retry-After, a bounded
 * number of times; what they answer last is what the caller gets.
 */
export async function sendGraphBatch(graph: Client, requests: readonly BatchRequest[], retry: BatchRetry): Promise<Map<string, BatchAnswer>> {
  const answers = new Map<string, BatchAnswer>()
  let pending = [...requests]
  for (let retries = 0; ; retries++) {
    const sent: unknown = await graph.api('/$batch').post({ requests: pending.map(({ id, url }) => ({ id, method: 'GET', url })) })
    const { responses } = readGraphAnswer(batchResponse, sent, 'the heartbeat’s batch')
    for (const { id } of pending) {
      const response = responses.find((candidate) => candidate.id === id)
      if (!response) throw new UnexpectedGraphAnswerError('the heartbeat’s batch')
      answers.set(id, { status: response.status, headers: headersOf(response.headers), body: response.body })
    }
    const again = pending.filter(({ id }) => retriedStatuses.has(answers.get(id)?.status ?? 0))
    if (again.length === 0 || retries >= retry.maxRetries) return answers
    const seconds = waitSeconds(again.map(({ id }) => answers.get(id)?.headers), retry, retries)
    if (seconds === null) return answers
    await (retry.sleep ?? ((milliseconds: number) => wait(milliseconds)))(seconds * 1000)
    pending = again
  }
}

/** The longest Retry-After among the answers, or the back-off when none names one; null when one asks for too long. */
export function waitSeconds(headers: ReadonlyArray<Headers | undefined>, retry: BatchRetry, retries: number, now = Date.now()): number | null {
  const asked = headers.map((each) => retryAfterSeconds(each?.get('retry-after') ?? null, now)).filter((seconds) => seconds !== null)
  if (asked.length === 0) return retry.delaySeconds * 2 ** retries
  const longest = Math.max(...asked)
  return longest > retry.maxDelaySeconds ? null : longest
}

function headersOf(record: Record<string, unknown> | undefined): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(record ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number') continue
    try {
      headers.set(name, String(value))
    } catch {
      // A header name fetch would refuse says nothing the heartbeat reads.
    }
  }
  return headers
}
