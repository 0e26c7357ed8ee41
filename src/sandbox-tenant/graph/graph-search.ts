/** One `"property:term"` of a directory `$search`. */
export interface SearchTerm {
  property: string
  term: string
}

export type ParsedSearch = { ok: true; terms: SearchTerm[] } | { ok: false }

const termPattern = /^\s*"([A-Za-z][A-Za-z0-9]*):([^"]*)"\s*/

/**
 * Reads `$search` as directory objects take it (search-query-parameter.md, "Using $search on
 * directory object collections"): quoted `"property:term"` clauses, joined here by `AND`.
 */
export function parseSearch(text: string): ParsedSearch {
  const terms: SearchTerm[] = []
  let rest = text
  for (;;) {
    const match = termPattern.exec(rest)
    if (!match) return { ok: false }
    terms.push({ property: match[1] ?? '', term: (match[2] ?? '').trim() })
    rest = rest.slice(match[0].length)
    if (rest.length === 0) return { ok: true, terms }
    const joiner = /^AND\s+/.exec(rest)
    if (!joiner) return { ok: false }
    rest = rest.slice(joiner[0].length)
  }
}

/**
 * Directory search tokenizes a value into words (splitting on spaces, punctuation and camel case)
 * and matches a term against the start of a word, ignoring case.
 */
export function matchesSearch(search: SearchTerm, value: string | null): boolean {
  if (value === null) return false
  const term = search.term.toLowerCase()
  const words = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
  return value.toLowerCase().startsWith(term) || words.some((word) => word.startsWith(term))
}
