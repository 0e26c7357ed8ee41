import type { Client, GraphRequest } from '@microsoft/microsoft-graph-client'
import { z } from 'zod'
import { readGraphAnswer, UnexpectedGraphAnswerError } from './unexpected-graph-answer.ts'

const page = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional()
})

// A directory the console reads has a handful of items per collection; a link that keeps coming back
// is a loop, not a big tenant.
const maxPages = 100

/**
 * Every item of a Graph collection, following `@odata.nextLink` page by page. Graph pages directory
 * collections at 100 items by default, and a check that read the first page only could miss the one
 * role or grant it looks for.
 */
export async function readCollection<T extends z.ZodType>(
  graph: Client,
  first: GraphRequest,
  item: T,
  what: string
): Promise<Array<z.infer<T>>> {
  return readPages(graph, await first.get(), item, what)
}

/** Like `readCollection`, from a first page already answered, such as one inside a `$batch`. */
export async function readPages<T extends z.ZodType>(graph: Client, firstBody: unknown, item: T, what: string): Promise<Array<z.infer<T>>> {
  const items: Array<z.infer<T>> = []
  let current = readGraphAnswer(page, firstBody, what)
  for (let pages = 1; ; pages++) {
    items.push(...current.value.map((value) => readGraphAnswer(item, value, what)))
    const next = current['@odata.nextLink']
    if (next === undefined) return items
    if (pages >= maxPages) throw new UnexpectedGraphAnswerError(what)
    current = readGraphAnswer(page, await graph.api(next).get(), what)
  }
}

/** An OData string literal: single quotes inside are doubled, so a value cannot end the literal early. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}
