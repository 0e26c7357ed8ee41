import type { Client, GraphRequest } from '@microsoft/microsoft-graph-client'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { odataString, readCollection } from '../../src/main/microsoft-365/graph/graph-collection.ts'
import { UnexpectedGraphAnswerError } from '../../src/main/microsoft-365/graph/unexpected-graph-answer.ts'

/** A client that answers `api(link).get()` from a table of pages, and counts the calls. */
function pagedClient(pages: Record<string, unknown>): { graph: Client; first: GraphRequest; asked: string[] } {
  const asked: string[] = []
  const request = (path: string) => ({ get: () => (asked.push(path), Promise.resolve(pages[path])) }) as unknown as GraphRequest
  return { graph: { api: request } as unknown as Client, first: request('first'), asked }
}

const item = z.object({ id: z.string() })

describe('readCollection', () => {
  it('follows @odata.nextLink until the last page', async () => {
    const { graph, first, asked } = pagedClient({
      first: { value: [{ id: 'a' }], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/x?$skiptoken=2' },
      'https://graph.microsoft.com/v1.0/x?$skiptoken=2': { value: [{ id: 'b' }, { id: 'c' }] }
    })
    expect(await readCollection(graph, first, item, 'x')).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }])
    expect(asked).toEqual(['first', 'https://graph.microsoft.com/v1.0/x?$skiptoken=2'])
  })

  it('refuses a page or an item it cannot read, rather than skip it', async () => {
    const broken = pagedClient({ first: { items: [] } })
    await expect(readCollection(broken.graph, broken.first, item, 'x')).rejects.toBeInstanceOf(UnexpectedGraphAnswerError)
    const odd = pagedClient({ first: { value: [{ id: 1 }] } })
    await expect(readCollection(odd.graph, odd.first, item, 'x')).rejects.toBeInstanceOf(UnexpectedGraphAnswerError)
  })

  it('stops a link that never ends', async () => {
    const loop = pagedClient({ first: { value: [], '@odata.nextLink': 'first' } })
    await expect(readCollection(loop.graph, loop.first, item, 'x')).rejects.toBeInstanceOf(UnexpectedGraphAnswerError)
    expect(loop.asked.length).toBe(100)
  })
})

describe('odataString', () => {
  it('doubles single quotes inside the literal', () => {
    expect(odataString('5d3f1c2a-8e47-4b6a-9c1d-2f7e8a9b0c3d')).toBe("'5d3f1c2a-8e47-4b6a-9c1d-2f7e8a9b0c3d'")
    expect(odataString("x' or 1 eq 1 or 'y")).toBe("'x'' or 1 eq 1 or ''y'")
  })
})
