import type { IncomingHttpHeaders } from 'node:http'
import type { AccessTokenClaims } from '../tokens/access-tokens.ts'
import type { TenantWorld } from '../world/tenant-world.ts'
import type { GraphAnswer, GraphRequestIds } from './graph-answers.ts'

/** One authenticated Graph request, whether it came on its own or inside a `$batch`. */
export interface GraphCall {
  method: string
  /** The path after `/v1.0/`, decoded and split, e.g. `['me', 'transitiveMemberOf']`. */
  segments: string[]
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
  claims: AccessTokenClaims
  ids: GraphRequestIds
}

/** What Graph's endpoints share: the tenant world and where the sandbox serves Graph. */
export interface GraphEnvironment {
  world: TenantWorld
  /** `http://127.0.0.1:PORT/v1.0/`; `@odata.context` and `@odata.nextLink` start with it. */
  serviceRoot(): string
  baseUrl(): string
}

export interface GraphEndpoint {
  /** Delegated permissions that each allow the call, least privileged first, per the endpoint's docs. */
  scopes: readonly string[]
  handle(call: GraphCall, params: readonly string[]): GraphAnswer | Promise<GraphAnswer>
}

/** A route such as `GET servicePrincipals/{id}`; `{name}` matches within one path segment. */
export interface GraphRoute {
  method: 'GET' | 'POST' | 'DELETE'
  pattern: string
  endpoint: GraphEndpoint
}
