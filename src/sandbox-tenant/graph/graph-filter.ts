/** How one `$filter` comparison compares; `ne` and a leading `not` are the negations. */
export type FilterOperator = 'eq' | 'ne' | 'startsWith' | 'endsWith'

/** One comparison of an OData `$filter`, e.g. `clientId eq '…'` or `not(startsWith(displayName,'a'))`. */
export interface FilterClause {
  property: string
  operator: FilterOperator
  value: string
  negated: boolean
}

export type ParsedFilter = { ok: true; clauses: FilterClause[] } | { ok: false }

const quoted = "'((?:[^']|'')*)'"
const comparisonPattern = new RegExp(`^\\s*([A-Za-z][A-Za-z0-9]*)\\s+(eq|ne)\\s+${quoted}\\s*`, 'i')
const functionPattern = new RegExp(`^\\s*(startswith|endswith)\\s*\\(\\s*([A-Za-z][A-Za-z0-9]*)\\s*,\\s*${quoted}\\s*\\)\\s*`, 'i')
const operatorNames: Record<string, FilterOperator> = { eq: 'eq', ne: 'ne', startswith: 'startsWith', endswith: 'endsWith' }

type Step = { clause: FilterClause; rest: string } | null

function comparison(text: string, negated: boolean): Step {
  const compared = comparisonPattern.exec(text)
  if (compared) {
    const [whole, property = '', operator = '', value = ''] = compared
    return { clause: { property, operator: operatorNames[operator.toLowerCase()] ?? 'eq', value: value.replace(/''/g, "'"), negated }, rest: text.slice(whole.length) }
  }
  const called = functionPattern.exec(text)
  if (called) {
    const [whole, operator = '', property = '', value = ''] = called
    return { clause: { property, operator: operatorNames[operator.toLowerCase()] ?? 'eq', value: value.replace(/''/g, "'"), negated }, rest: text.slice(whole.length) }
  }
  return null
}

function clause(text: string): Step {
  const not = /^\s*not\b\s*/i.exec(text)
  if (!not) return comparison(text, false)
  const rest = text.slice(not[0].length)
  if (!rest.startsWith('(')) return comparison(rest, true)
  const inner = comparison(rest.slice(1), true)
  if (!inner) return null
  const closing = /^\s*\)\s*/.exec(inner.rest)
  return closing ? { clause: inner.clause, rest: inner.rest.slice(closing[0].length) } : null
}

/**
 * Reads the `$filter` forms Entra's directory endpoints take on string properties: `eq`, `ne`,
 * `startsWith`, `endsWith` and `not`, joined by `and`. Anything else is unreadable, so the endpoint
 * answers as Graph does for a filter it cannot parse.
 */
export function parseFilter(text: string): ParsedFilter {
  const clauses: FilterClause[] = []
  let rest = text
  for (;;) {
    const step = clause(rest)
    if (!step) return { ok: false }
    clauses.push(step.clause)
    rest = step.rest
    if (rest.trim().length === 0) return { ok: true, clauses }
    const joiner = /^\s*and\s+/i.exec(rest)
    if (!joiner) return { ok: false }
    rest = rest.slice(joiner[0].length)
  }
}

/** Whether a value passes a clause; directory string comparisons ignore case. */
export function passes(clause: FilterClause, value: string | null): boolean {
  const actual = (value ?? '').toLowerCase()
  const wanted = clause.value.toLowerCase()
  const base =
    value === null
      ? clause.operator === 'ne'
      : clause.operator === 'eq'
        ? actual === wanted
        : clause.operator === 'ne'
          ? actual !== wanted
          : clause.operator === 'startsWith'
            ? actual.startsWith(wanted)
            : actual.endsWith(wanted)
  return clause.negated ? !base : base
}
