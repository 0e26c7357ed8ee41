import { readJson, type SandboxRequest, type SandboxResponse, type SandboxServiceHandler } from '../http/sandbox-http.ts'
import type { SandboxContext } from '../sandbox-context.ts'
import type { AccessTokenClaims } from '../tokens/access-tokens.ts'
import { officeManagementApis } from '../world/resource-apis.ts'
import type { TenantRecord } from '../world/world-records.ts'
import { ActivitySubscriptions, findContentType, type ActivityWebhook } from './activity-subscriptions.ts'
import { activityError, activityJson, activityMessages } from './management-answers.ts'
import { tenantNotProvisioned } from './tenant-not-provisioned.ts'

const feedPath = /^\/api\/v1\.0\/([^/]+)\/activity\/feed\/([^?]*?)\/?$/
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const noPublisher = '00000000-0000-0000-0000-000000000000'

interface ActivityCall {
  request: SandboxRequest
  claims: AccessTokenClaims
  tenant: TenantRecord
  publisherId: string
}

const operations: Record<string, { method: string; name: string }> = {
  'subscriptions/list': { method: 'GET', name: 'ListSubscriptions' },
  'subscriptions/start': { method: 'POST', name: 'StartSubscription' }
}

/** The Office 365 Management Activity API's subscription operations under `/api/v1.0/{tenant}/activity/feed/`. */
export function createManagementService(context: SandboxContext): SandboxServiceHandler {
  const subscriptions = new ActivitySubscriptions()

  function start(call: ActivityCall): SandboxResponse {
    const contentTypeText = call.request.url.searchParams.get('contentType')
    if (contentTypeText === null) return activityError(400, 'AF20001', activityMessages.missingParameter('contentType'))
    const contentType = findContentType(contentTypeText)
    if (!contentType) return activityError(400, 'AF20020', activityMessages.invalidContentType)
    const webhook = readWebhook(call.request)
    if ('error' in webhook) return webhook.error
    const existing = subscriptions.find(call.tenant, contentType)
    if (existing && JSON.stringify(existing.webhook) === JSON.stringify(webhook.value)) {
      return activityError(400, 'AF20024', activityMessages.alreadyEnabled)
    }
    const subscription = { contentType, status: 'enabled' as const, webhook: webhook.value }
    subscriptions.start(call.tenant, subscription)
    return activityJson(200, subscription)
  }

  function handle(request: SandboxRequest): SandboxResponse {
    const match = feedPath.exec(request.url.pathname)
    const operation = match ? operations[match[2] ?? ''] : undefined
    if (!match || !operation) {
      return activityJson(404, { Message: `No HTTP resource was found that matches the request URI '${request.url.href}'.` })
    }
    if (operation.method !== request.method) {
      return activityJson(405, { Message: `The requested resource does not support http method '${request.method}'.` })
    }
    const tenantInUrl = match[1] ?? ''
    if (!guidPattern.test(tenantInUrl)) return activityError(400, 'AF20013', activityMessages.tenantNotGuid(tenantInUrl))
    const check = context.accessTokens.check(request.headers.authorization, officeManagementApis)
    if (!check.ok) return activityError(401, 'AF10001', activityMessages.permissionMissing([]))
    const { claims } = check
    if (claims.tenantId !== tenantInUrl.toLowerCase()) {
      return activityError(400, 'AF20010', activityMessages.tenantMismatch(tenantInUrl, claims.tenantId))
    }
    const held = claims.scopes.map((scope) => scope.toLowerCase())
    if (!held.includes('activityfeed.read') && !held.includes('activityfeed.readdlp')) {
      return activityError(401, 'AF10001', activityMessages.permissionMissing(claims.scopes))
    }
    const publisherId = request.url.searchParams.get('PublisherIdentifier') ?? noPublisher
    const tenant = context.world.tenant(claims.tenantId)
    if (!tenant || !tenant.auditLogEnabled) {
      return tenantNotProvisioned({
        name: operation.name,
        tenantId: claims.tenantId,
        applicationId: claims.appId,
        publisherId,
        contentType: request.url.searchParams.get('contentType')
      })
    }
    const call: ActivityCall = { request, claims, tenant, publisherId }
    return operation.name === 'StartSubscription' ? start(call) : activityJson(200, subscriptions.list(tenant))
  }

  return {
    handle,
    faultResponse: (fault, request) => {
      if (fault.kind === 'throttled') {
        const publisherId = request.url.searchParams.get('PublisherIdentifier') ?? noPublisher
        const method = request.url.pathname.endsWith('/start') ? 'StartSubscription' : 'ListSubscriptions'
        return activityError(429, 'AF429', activityMessages.tooManyRequests(method, publisherId), {
          'Retry-After': String(fault.retryAfterSeconds)
        })
      }
      const retryAfter: Record<string, string> = fault.retryAfterSeconds === null ? {} : { 'Retry-After': String(fault.retryAfterSeconds) }
      return activityError(503, 'AF50000', activityMessages.internalError, retryAfter)
    },
    internalErrorResponse: () => activityError(500, 'AF50000', activityMessages.internalError)
  }
}

type WebhookRead = { value: ActivityWebhook | null } | { error: SandboxResponse }

/**
 * The optional `{"webhook":{address, authId, expiration}}` body of `subscriptions/start`. The sandbox
 * checks the address the way the API's AF20021 does for HTTPS, but cannot call the endpoint to validate it.
 */
function readWebhook(request: SandboxRequest): WebhookRead {
  if (request.body.toString('utf8').trim().length === 0) return { value: null }
  const body = readJson(request)
  if (!body.ok || typeof body.value !== 'object' || body.value === null) {
    return { error: activityError(400, 'AF20002', activityMessages.invalidParameterType('webhook', 'json')) }
  }
  const webhook = (body.value as { webhook?: unknown }).webhook
  if (webhook === undefined || webhook === null) return { value: null }
  if (typeof webhook !== 'object') return { error: activityError(400, 'AF20002', activityMessages.invalidParameterType('webhook', 'json')) }
  const fields = webhook as Record<string, unknown>
  const address = typeof fields.address === 'string' ? fields.address : ''
  if (!address.toLowerCase().startsWith('https://')) {
    return { error: activityError(400, 'AF20021', activityMessages.webhookNotHttps(address)) }
  }
  const expiration = typeof fields.expiration === 'string' && fields.expiration.length > 0 ? fields.expiration : null
  return { value: { status: 'enabled', address, authId: typeof fields.authId === 'string' ? fields.authId : null, expiration } }
}
