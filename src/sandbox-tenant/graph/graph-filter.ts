/** One `property eq 'value'` comparison of an OData `$filter`. */
export interface EqualityClause {
  property: string
  value: string
}

export type EqualityFilter = { ok: true; clauses: EqualityClause[] } | { ok: false }

const clausePattern = /^\s*([A-Za-z][A-Za-z0-9]*)\s+eq\s+'((?:[^']|'')*)'\s*/

/**
 * Reads the filters that Entra's directory endpoints support for equality: comparisons joined by
 * `and`. Anything else is reported unreadable, so the endpoint answers as Graph does.
 */
export function parseEqualityFilter(text: string): EqualityFilter {
  const clauses: EqualityClause[] = []
  let rest = text
  for (;;) {
    const match = clausePattern.exec(rest)
    if (!match) return { ok: false }
    clauses.push({ property: match[1] ?? '', value: (match[2] ?? '').replace(/''/g, "'") })
    rest = rest.slice(match[0].length)
    if (rest.length === 0) return { ok: true, clauses }
    const joiner = /^and\s+/i.exec(rest)
    if (!joiner) return { ok: false }
    rest = rest.slice(joiner[0].length)
  }
}
