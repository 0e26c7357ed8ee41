import { graphError, graphOk, type GraphAnswer } from './graph-answers.ts'
import type { GraphCall, GraphEnvironment } from './graph-call.ts'

export type GraphObject = Record<string, unknown>

/** Graph's default page size for directory collections; `$top` chooses another, up to 999. */
export const defaultPageSize = 100
const maxPageSize = 999

/** `$select` narrows an object to the named properties; annotations such as `@odata.type` stay. */
function applySelect(item: GraphObject, selected: readonly string[] | null): GraphObject {
  if (!selected) return item
  const wanted = new Set(selected.map((name) => name.toLowerCase()))
  return Object.fromEntries(Object.entries(item).filter(([key]) => key.startsWith('@') || wanted.has(key.toLowerCase())))
}

function selectedProperties(call: GraphCall): string[] | null {
  const text = call.query.get('$select')
  if (text === null) return null
  const names = text.split(',').map((name) => name.trim()).filter(Boolean)
  return names.length > 0 ? names : null
}

function contextFragment(entitySet: string, selected: readonly string[] | null): string {
  return selected ? `${entitySet}(${selected.join(',')})` : entitySet
}

export function contextUrl(environment: GraphEnvironment, fragment: string): string {
  return `${environment.serviceRoot()}$metadata#${fragment}`
}

/** A single entity with `@odata.context` `#{set}/$entity`, as Graph answers GET by id. */
export function entityAnswer(environment: GraphEnvironment, call: GraphCall, entitySet: string, item: GraphObject): GraphAnswer {
  const selected = selectedProperties(call)
  return graphOk({
    '@odata.context': contextUrl(environment, `${contextFragment(entitySet, selected)}/$entity`),
    ...applySelect(item, selected)
  })
}

/**
 * A collection page: `$top` sets the page size, and when more remain, `@odata.nextLink` is an
 * absolute URL on the sandbox that repeats the query with a `$skiptoken`, the way Graph pages.
 * `count`, when an advanced query asked for it, becomes `@odata.count`: the size of the whole result.
 */
export function collectionAnswer(
  environment: GraphEnvironment,
  call: GraphCall,
  entitySet: string,
  items: readonly GraphObject[],
  count: number | null = null
): GraphAnswer {
  const topText = call.query.get('$top')
  let size = defaultPageSize
  if (topText !== null) {
    const top = Number(topText)
    if (!Number.isInteger(top) || top < 1 || top > maxPageSize) {
      return graphError(call.ids, 400, 'Request_BadRequest', `Invalid page size specified: '${topText}'. Must be between 1 and 999 inclusive.`)
    }
    size = top
  }
  const skipToken = call.query.get('$skiptoken')
  const offset = skipToken === null ? 0 : readSkipToken(skipToken)
  if (offset === null) {
    return graphError(call.ids, 400, 'Directory_ExpiredPageToken', 'The specified page token value has expired and can no longer be included in your request.')
  }
  const selected = selectedProperties(call)
  const page = items.slice(offset, offset + size).map((item) => applySelect(item, selected))
  const body: GraphObject = { '@odata.context': contextUrl(environment, contextFragment(entitySet, selected)) }
  if (count !== null) body['@odata.count'] = count
  if (offset + size < items.length) body['@odata.nextLink'] = nextLink(environment, call, offset + size)
  body.value = page
  return graphOk(body)
}

function nextLink(environment: GraphEnvironment, call: GraphCall, offset: number): string {
  const parts: string[] = []
  for (const [key, value] of call.query) {
    if (key === '$skiptoken') continue
    parts.push(`${key}=${encodeURIComponent(value)}`)
  }
  parts.push(`$skiptoken=${writeSkipToken(offset)}`)
  const path = call.segments.map((segment) => encodeURIComponent(segment).replace(/%27/g, "'").replace(/%3D/g, '=').replace(/%28/g, '(').replace(/%29/g, ')')).join('/')
  return `${environment.serviceRoot()}${path}?${parts.join('&')}`
}

// Graph's skip tokens are opaque; this one carries the offset, and a prefix tells it from a made-up one.
function writeSkipToken(offset: number): string {
  return Buffer.from(`SandboxPage:${offset}`).toString('base64url')
}

function readSkipToken(token: string): number | null {
  const match = /^SandboxPage:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))
  return match ? Number(match[1]) : null
}
