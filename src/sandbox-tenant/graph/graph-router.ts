import type { GraphEndpoint, GraphRoute } from './graph-call.ts'

export type RouteMatch =
  | { kind: 'endpoint'; endpoint: GraphEndpoint; params: string[] }
  | { kind: 'methodNotAllowed' }
  | { kind: 'unknownSegment'; segment: string }

interface CompiledRoute {
  route: GraphRoute
  segments: RegExp[]
}

function compileSegment(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '([^/]+?)')
  return new RegExp(`^${escaped}$`, 'i')
}

/** Matches a path the way Graph does: segment by segment, case-insensitively, naming the first unknown one. */
export function createGraphRouter(routes: readonly GraphRoute[]): (method: string, segments: readonly string[]) => RouteMatch {
  const compiled: CompiledRoute[] = routes.map((route) => ({ route, segments: route.pattern.split('/').map(compileSegment) }))
  const matchesPrefix = (route: CompiledRoute, segments: readonly string[], length: number) =>
    route.segments.length >= length && segments.slice(0, length).every((segment, index) => route.segments[index]?.test(segment))

  return (method, segments) => {
    const full = compiled.filter((route) => route.segments.length === segments.length && matchesPrefix(route, segments, segments.length))
    const chosen = full.find((route) => route.route.method === method)
    if (chosen) {
      const params = segments.flatMap((segment, index) => chosen.segments[index]?.exec(segment)?.slice(1) ?? [])
      return { kind: 'endpoint', endpoint: chosen.route.endpoint, params }
    }
    if (full.length > 0) return { kind: 'methodNotAllowed' }
    for (let length = 1; length <= segments.length; length++) {
      if (!compiled.some((route) => matchesPrefix(route, segments, length))) {
        return { kind: 'unknownSegment', segment: segments[length - 1] ?? '' }
      }
    }
    return { kind: 'unknownSegment', segment: segments[segments.length - 1] ?? 'v1.0' }
  }
}

/** The decoded segments of a path below `/v1.0/`; empty segments, as from a trailing slash, drop out. */
export function graphSegments(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })
}
