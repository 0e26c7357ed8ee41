import { z } from 'zod'
import { jsonResponse, readJson, sendsJson, type SandboxRequest, type SandboxResponse } from '../http/sandbox-http.ts'
import { sandboxServices } from './service-faults.ts'
import type { SandboxScenario } from './sandbox-scenario.ts'
import { ScenarioError } from './scenario-error.ts'
import { subscriptionScenarios } from './subscription-plans.ts'

const serviceSelector = z.enum([...sandboxServices, 'all'])
const requestCount = z.number().int().positive().nullable().optional()

/** The body of `POST /_sandbox/scenario`; each field present is applied, in this order. */
export const scenarioChange = z
  .object({
    globalAdministrator: z.string().min(1).nullable(),
    subscription: z.enum(subscriptionScenarios),
    auditLog: z.boolean(),
    grantedPermissions: z.object({ graph: z.array(z.string()), management: z.array(z.string()) }).partial(),
    removePermission: z.string().min(1),
    addPermission: z.string().min(1),
    revokeConsent: z.literal(true),
    revokeRefreshTokens: z.union([z.literal(true), z.string().min(1)]),
    expireRefreshTokens: z.literal(true),
    mfaRequired: z.boolean(),
    echoDefaultScope: z.boolean(),
    outage: z.object({ service: serviceSelector, requests: requestCount }).nullable(),
    throttling: z
      .object({ service: serviceSelector, retryAfterSeconds: z.number().int().min(0).max(3600), requests: requestCount })
      .nullable(),
    batchItemThrottling: z
      .object({ retryAfterSeconds: z.number().int().min(0).max(3600), requests: requestCount })
      .nullable(),
    latencyMs: z.number().int().min(0).max(120_000),
    tokenLifetimes: z
      .object({
        accessTokenSeconds: z.number().int().min(1),
        refreshTokenSeconds: z.number().int().min(1),
        authorizationCodeSeconds: z.number().int().min(1)
      })
      .partial()
  })
  .partial()
  .strict()

export type ScenarioChange = z.infer<typeof scenarioChange>

/**
 * `/_sandbox/…`: the control endpoint for people and other tools. POSTs must be JSON, which a web
 * page cannot send to another origin without a preflight that this endpoint never answers.
 */
export function createScenarioControlService(scenario: SandboxScenario): (request: SandboxRequest) => SandboxResponse {
  return function control(request: SandboxRequest): SandboxResponse {
    const path = request.url.pathname
    if (path === '/_sandbox/scenario' && request.method === 'GET') return jsonResponse(200, scenario.snapshot())
    if (path !== '/_sandbox/scenario' && path !== '/_sandbox/reset') return problem(404, `No control at ${path}.`)
    if (request.method !== 'POST') return problem(405, `${request.method} is not allowed here.`, { Allow: 'GET, POST' })
    if (!sendsJson(request)) {
      return problem(415, 'Send the change as application/json.')
    }
    if (path === '/_sandbox/reset') {
      scenario.reset()
      return jsonResponse(200, scenario.snapshot())
    }
    const body = readJson(request)
    if (!body.ok) return problem(400, 'The body is not valid JSON.')
    const change = scenarioChange.safeParse(body.value)
    if (!change.success) return problem(400, z.prettifyError(change.error))
    try {
      checkScenarioChange(scenario, change.data)
    } catch (error) {
      if (error instanceof ScenarioError) return problem(400, error.message)
      throw error
    }
    applyScenarioChange(scenario, change.data)
    return jsonResponse(200, scenario.snapshot())
  }
}

/** Checks every name a change uses before any of it is applied, so a refused change changes nothing. */
export function checkScenarioChange(scenario: SandboxScenario, change: ScenarioChange): void {
  if (change.globalAdministrator) scenario.checkAccount(change.globalAdministrator)
  if (typeof change.revokeRefreshTokens === 'string') scenario.checkAccount(change.revokeRefreshTokens)
  for (const value of change.grantedPermissions?.graph ?? []) scenario.checkPermission(value, 'graph')
  for (const value of change.grantedPermissions?.management ?? []) scenario.checkPermission(value, 'management')
  for (const permission of [change.removePermission, change.addPermission]) {
    if (permission) scenario.checkPermission(permission)
  }
}

export function applyScenarioChange(scenario: SandboxScenario, change: ScenarioChange): void {
  if (change.globalAdministrator !== undefined) scenario.setGlobalAdministrator(change.globalAdministrator)
  if (change.subscription) scenario.setSubscription(change.subscription)
  if (change.auditLog !== undefined) scenario.setAuditLog(change.auditLog)
  if (change.grantedPermissions) scenario.setGrantedPermissions(change.grantedPermissions)
  if (change.removePermission) scenario.removeGrantedPermission(change.removePermission)
  if (change.addPermission) scenario.addGrantedPermission(change.addPermission)
  if (change.revokeConsent) scenario.revokeConsent()
  if (change.revokeRefreshTokens) {
    scenario.revokeRefreshTokens(change.revokeRefreshTokens === true ? undefined : change.revokeRefreshTokens)
  }
  if (change.expireRefreshTokens) scenario.expireRefreshTokens()
  if (change.mfaRequired !== undefined) scenario.requireMfa(change.mfaRequired)
  if (change.echoDefaultScope !== undefined) scenario.echoDefaultScope(change.echoDefaultScope)
  if (change.outage === null) scenario.endOutage()
  else if (change.outage) scenario.setOutage(change.outage.service, change.outage.requests ?? null)
  if (change.throttling === null) scenario.endThrottling()
  else if (change.throttling) {
    scenario.throttle(change.throttling.service, change.throttling.retryAfterSeconds, change.throttling.requests ?? null)
  }
  if (change.batchItemThrottling === null) scenario.endBatchItemThrottling()
  else if (change.batchItemThrottling) {
    scenario.throttleBatchItems(change.batchItemThrottling.retryAfterSeconds, change.batchItemThrottling.requests ?? null)
  }
  if (change.latencyMs !== undefined) scenario.setLatency(change.latencyMs)
  if (change.tokenLifetimes) scenario.setTokenLifetimes(change.tokenLifetimes)
}

function problem(status: number, message: string, headers: Record<string, string> = {}): SandboxResponse {
  return jsonResponse(status, { error: { code: 'ScenarioControlError', message } }, headers)
}
