import { graphError, type GraphAnswer } from './graph-answers.ts'
import type { GraphCall } from './graph-call.ts'

/**
 * Entra's "advanced query parameters" (concepts/aad-advanced-queries.md, "Advanced query
 * capabilities on Microsoft Entra ID objects"): some queries on directory objects run only against a
 * separate index, which a caller opts into with the `ConsistencyLevel: eventual` header and, except
 * for `$search`, `$count=true`. Inside a `$batch` the header travels in the request's own headers.
 */
export function asksEventualConsistency(call: GraphCall): boolean {
  const header = call.headers.consistencylevel
  const value = Array.isArray(header) ? header[0] : header
  return typeof value === 'string' && value.trim().toLowerCase() === 'eventual'
}

function asksCount(call: GraphCall): boolean {
  return call.query.get('$count')?.trim().toLowerCase() === 'true'
}

/** Both advanced query parameters: what `ne`, `not`, `endsWith` and most `$orderby` need. */
export function isAdvancedQuery(call: GraphCall): boolean {
  return asksEventualConsistency(call) && asksCount(call)
}

// The answers below are the ones aad-advanced-queries.md shows in "Error handling for advanced
// queries on directory objects", with the operator or property named as Graph names it.

export function searchNeedsEventualConsistency(call: GraphCall): GraphAnswer {
  return graphError(
    call.ids,
    400,
    'Request_UnsupportedQuery',
    "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"
  )
}

export function operatorNeedsAdvancedQuery(call: GraphCall, operator: string): GraphAnswer {
  return graphError(
    call.ids,
    400,
    'Request_UnsupportedQuery',
    `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`
  )
}

/** A `$count` path segment without the header: the documented 400 (the `?$count=true` option is ignored instead). */
export function countSegmentNeedsEventualConsistency(call: GraphCall): GraphAnswer {
  return graphError(call.ids, 400, 'Request_BadRequest', '$count is not currently supported.')
}

// The wording Graph answers `$orderby` it cannot serve with, as public reports quote it
// (microsoftgraph/microsoft-graph-docs-contrib#3145 and #4187).
export function sortingNotSupported(call: GraphCall): GraphAnswer {
  return graphError(call.ids, 400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.')
}

/** `GET …/$count` with the header: the bare number as text/plain (user-list-transitivememberof, Example 2). */
export function countSegmentAnswer(call: GraphCall, count: number): GraphAnswer {
  if (!asksEventualConsistency(call)) return countSegmentNeedsEventualConsistency(call)
  return { status: 200, body: count, headers: { 'Content-Type': 'text/plain' } }
}
