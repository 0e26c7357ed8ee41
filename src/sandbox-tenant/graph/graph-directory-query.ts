import {
  asksEventualConsistency,
  isAdvancedQuery,
  operatorNeedsAdvancedQuery,
  searchNeedsEventualConsistency,
  sortingNotSupported
} from './graph-advanced-query.ts'
import { graphError, type GraphAnswer } from './graph-answers.ts'
import type { GraphCall } from './graph-call.ts'
import { parseFilter, passes, type FilterClause } from './graph-filter.ts'
import { matchesSearch, parseSearch } from './graph-search.ts'

/** Whether a query option works by default or only as an advanced query (aad-advanced-queries.md legend). */
export type QuerySupport = 'default' | 'advanced'

/** What a directory object's property supports in `$filter`, `$orderby` and `$search`. */
export interface QueryableProperty<T> {
  read(item: T): string | null
  /** `ne` and `not` need no entry: every property with `eq` takes them as advanced queries. */
  filter: Partial<Record<'eq' | 'startsWith' | 'endsWith', QuerySupport>>
  orderBy?: QuerySupport
  search?: true
}

/** A directory collection the console reads, with the query rules of its reference page. */
export interface DirectoryCollection<T> {
  /** The resource name Entra puts in its filter errors, e.g. `ServicePrincipal`. */
  resource: string
  /** Keyed by the property's own spelling; lookups ignore case, as Graph does. */
  properties: Readonly<Record<string, QueryableProperty<T>>>
  /** Relationships such as transitiveMemberOf serve `$filter` and `$orderby` only as advanced queries. */
  advancedOnly?: boolean
  /** Graph's answer for a property it cannot filter on, where it differs from the common one. */
  unsupportedFilter?(call: GraphCall, property: string): GraphAnswer
}

/** Items after `$filter`, `$search` and `$orderby`; `count` is set only when `$count` may be answered. */
export type DirectoryQuery<T> = { ok: true; items: T[]; count: number | null } | { ok: false; answer: GraphAnswer }

function property<T>(collection: DirectoryCollection<T>, name: string): QueryableProperty<T> | undefined {
  const key = Object.keys(collection.properties).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : collection.properties[key]
}

// aad-advanced-queries.md: a property not indexed for an operator is refused even in an advanced query.
function unsupportedFilter<T>(call: GraphCall, collection: DirectoryCollection<T>, name: string): GraphAnswer {
  if (collection.unsupportedFilter) return collection.unsupportedFilter(call, name)
  return graphError(call.ids, 400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${name}' of resource '${collection.resource}'.`)
}

function clauseSupport<T>(collection: DirectoryCollection<T>, found: QueryableProperty<T>, clause: FilterClause): QuerySupport | undefined {
  const indexed = found.filter[clause.operator === 'ne' ? 'eq' : clause.operator]
  if (indexed === undefined) return undefined
  // aad-advanced-queries.md: `ne` and `not` work on every property that takes `eq`, as advanced queries only.
  if (clause.negated || clause.operator === 'ne' || collection.advancedOnly) return 'advanced'
  return indexed
}

function applyFilter<T>(call: GraphCall, collection: DirectoryCollection<T>, items: T[], text: string): T[] | GraphAnswer {
  const filter = parseFilter(text)
  if (!filter.ok) return graphError(call.ids, 400, 'BadRequest', 'Invalid filter clause')
  let kept = items
  for (const clause of filter.clauses) {
    const found = property(collection, clause.property)
    const support = found && clauseSupport(collection, found, clause)
    if (!found || !support) return unsupportedFilter(call, collection, clause.property)
    if (support === 'advanced' && !isAdvancedQuery(call)) {
      return operatorNeedsAdvancedQuery(call, clause.negated ? 'not' : clause.operator)
    }
    kept = kept.filter((item) => passes(clause, found.read(item)))
  }
  return kept
}

function applyOrderBy<T>(call: GraphCall, collection: DirectoryCollection<T>, items: T[], text: string): T[] | GraphAnswer {
  // Filtering and sorting in one request is an advanced query on every directory object.
  if (call.query.has('$filter') && !isAdvancedQuery(call)) return sortingNotSupported(call)
  const keys: Array<{ found: QueryableProperty<T>; descending: boolean }> = []
  for (const part of text.split(',')) {
    const [name = '', direction = 'asc'] = part.trim().split(/\s+/)
    const found = property(collection, name)
    const support = found?.orderBy === undefined ? undefined : collection.advancedOnly ? 'advanced' : found.orderBy
    if (!found || !support || !/^(asc|desc)$/i.test(direction)) return sortingNotSupported(call)
    if (support === 'advanced' && !isAdvancedQuery(call)) return sortingNotSupported(call)
    keys.push({ found, descending: direction.toLowerCase() === 'desc' })
  }
  return [...items].sort((a, b) => {
    for (const { found, descending } of keys) {
      const order = (found.read(a) ?? '').localeCompare(found.read(b) ?? '', 'en', { sensitivity: 'base' })
      if (order !== 0) return descending ? -order : order
    }
    return 0
  })
}

function applySearch<T>(call: GraphCall, collection: DirectoryCollection<T>, items: T[], text: string): T[] | GraphAnswer {
  if (!asksEventualConsistency(call)) return searchNeedsEventualConsistency(call)
  const terms = parseSearch(text)
  if (!terms.ok) return graphError(call.ids, 400, 'Request_UnsupportedQuery', `Invalid search clause: ${text}`)
  const readers = terms.terms.map((term) => ({ term, found: property(collection, term.property) }))
  const unsearchable = readers.find(({ found }) => !found?.search)
  // Sandbox wording: Microsoft's docs show no answer for a property that $search does not cover.
  if (unsearchable) return graphError(call.ids, 400, 'Request_UnsupportedQuery', `Unsupported search property '${unsearchable.term.property}'.`)
  return items.filter((item) => readers.every(({ term, found }) => matchesSearch(term, found?.read(item) ?? null)))
}

/**
 * Runs a directory collection's query options the way Entra does: default queries work as they
 * are, advanced ones need the advanced query parameters, and `$count=true` without them is ignored.
 */
export function queryDirectoryCollection<T>(call: GraphCall, collection: DirectoryCollection<T>, items: readonly T[]): DirectoryQuery<T> {
  let kept: T[] | GraphAnswer = [...items]
  const search = call.query.get('$search')
  if (search !== null) kept = applySearch(call, collection, kept, search)
  const filter = call.query.get('$filter')
  if (filter !== null && Array.isArray(kept)) kept = applyFilter(call, collection, kept, filter)
  const orderBy = call.query.get('$orderby')
  if (orderBy !== null && Array.isArray(kept)) kept = applyOrderBy(call, collection, kept, orderBy)
  if (!Array.isArray(kept)) return { ok: false, answer: kept }
  return { ok: true, items: kept, count: isAdvancedQuery(call) ? kept.length : null }
}
