import type { SandboxResponse, SandboxServiceHandler } from '../http/sandbox-http.ts'
import type { ServiceFault } from '../scenario/service-faults.ts'
import type { SandboxContext } from '../sandbox-context.ts'
import { microsoftGraph } from '../world/resource-apis.ts'
import { graphError, graphRequestIds, toSandboxResponse, type GraphAnswer, type GraphRequestIds } from './graph-answers.ts'
import { authenticate, holdsOneOf, insufficientPrivileges } from './graph-authorization.ts'
import { runBatch } from './graph-batch.ts'
import type { GraphCall, GraphEnvironment } from './graph-call.ts'
import { meRoutes } from './graph-me.ts'
import { memberOfRoutes } from './graph-member-of.ts'
import { organizationRoutes } from './graph-organization.ts'
import { permissionGrantRoutes } from './graph-permission-grants.ts'
import { createGraphRouter, graphSegments } from './graph-router.ts'
import { servicePrincipalRoutes } from './graph-service-principals.ts'

const unreadableJson = 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'

/**
 * Microsoft Graph v1.0 under `/v1.0/`, scoped to the signed-in user's tenant. The `@odata.context`
 * and `@odata.nextLink` URLs use the sandbox's base URL in place of `https://graph.microsoft.com/`,
 * so that a client following them stays on the sandbox.
 */
export function createGraphService(context: SandboxContext): SandboxServiceHandler {
  const environment: GraphEnvironment = {
    world: context.world,
    baseUrl: () => context.baseUrl,
    serviceRoot: () => `${context.baseUrl}v1.0/`
  }
  const route = createGraphRouter([
    ...meRoutes(environment),
    ...memberOfRoutes(environment),
    ...organizationRoutes(environment),
    ...servicePrincipalRoutes(environment),
    ...permissionGrantRoutes(environment)
  ])

  async function dispatch(call: GraphCall): Promise<GraphAnswer> {
    if (call.segments.length === 1 && call.segments[0]?.toLowerCase() === '$batch') {
      if (call.method !== 'POST') return methodNotAllowed(call.ids)
      const payload = parseJson(call.body)
      if (!payload.ok) return graphError(call.ids, 400, 'BadRequest', unreadableJson)
      return runBatch(call, payload.value, (inner) => {
        const retryAfterSeconds = context.faults.takeBatchItemThrottling()
        return retryAfterSeconds === null ? dispatch(inner) : Promise.resolve(throttledAnswer(retryAfterSeconds, inner.ids))
      })
    }
    const match = route(call.method, call.segments)
    if (match.kind === 'unknownSegment') {
      return graphError(call.ids, 400, 'BadRequest', `Resource not found for the segment '${match.segment}'.`)
    }
    if (match.kind === 'methodNotAllowed') return methodNotAllowed(call.ids)
    if (!holdsOneOf(call.claims, match.endpoint.scopes)) return insufficientPrivileges(call.ids)
    return match.endpoint.handle(call, match.params)
  }

  return {
    async handle(request) {
      const ids = graphRequestIds(request, context.now())
      const authentication = authenticate(context.accessTokens.check(request.headers.authorization, microsoftGraph), ids)
      if (!authentication.ok) return toSandboxResponse(authentication.answer, ids)
      const call: GraphCall = {
        method: request.method,
        segments: graphSegments(request.url.pathname.replace(/^\/v1\.0/, '')),
        query: request.url.searchParams,
        headers: request.headers,
        body: request.body,
        claims: authentication.claims,
        ids
      }
      return toSandboxResponse(await dispatch(call), ids)
    },
    faultResponse: (fault, request) => faultAnswer(fault, graphRequestIds(request, context.now())),
    internalErrorResponse: (request) => {
      const ids = graphRequestIds(request, context.now())
      return toSandboxResponse(graphError(ids, 500, 'generalException', 'General exception while processing.'), ids)
    }
  }
}

// Shape of Graph's own 405 (fixture graph.batch.response.json, request 4).
function methodNotAllowed(ids: GraphRequestIds): GraphAnswer {
  return graphError(ids, 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.')
}

function faultAnswer(fault: ServiceFault, ids: GraphRequestIds): SandboxResponse {
  if (fault.kind === 'throttled') return toSandboxResponse(throttledAnswer(fault.retryAfterSeconds, ids), ids)
  const retryAfter: Record<string, string> = fault.retryAfterSeconds === null ? {} : { 'Retry-After': String(fault.retryAfterSeconds) }
  return toSandboxResponse(graphError(ids, 503, 'serviceNotAvailable', 'Service Unavailable', retryAfter), ids)
}

// Fixture graph.throttling.429.json and its headers (concepts/throttling.md); inside a batch, the
// same answer is one item's, with `Retry-After` among that item's headers.
function throttledAnswer(retryAfterSeconds: number, ids: GraphRequestIds): GraphAnswer {
  return {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    body: {
      error: {
        code: 'TooManyRequests',
        innerError: { code: '429', date: ids.date, message: 'Please retry after', 'request-id': ids.requestId, status: '429' },
        message: 'Please retry again later.'
      }
    }
  }
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown }
  } catch {
    return { ok: false }
  }
}
