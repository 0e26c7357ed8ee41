import type { AuditLogState } from '../../../shared/microsoft-365.ts'
import { describeErrorResponse, describeFetchFailure, describeTokenFailure, type MicrosoftFailure } from '../microsoft-details.ts'
import { correlationIdOf, isTenantNotProvisioned } from './tenant-not-provisioned.ts'

export interface AuditLogProbeOptions {
  /** The Management APIs' root with a trailing slash: `https://manage.office.com/`, or the sandbox's base URL. */
  managementEndpoint: string
  tenantId: string
  /** A token for the Office 365 Management APIs holding ActivityFeed.Read (their own resource, not Graph's). */
  accessToken: () => string | Promise<string>
  /** How long to wait for the answer; 30 seconds unless a test says otherwise. */
  timeLimitMs?: number
}

/**
 * Step 2's hint: whether Microsoft 365 audit log recording looks on. Nothing in Graph says so; the
 * Management Activity API lists subscriptions only for a tenant whose audit log exists, and answers
 * "Tenant … does not exist" otherwise (DESIGN.md). The admin confirms in Purview either way, so any
 * answer the console cannot read is "could not be checked", never a guess. It never rejects.
 */
export async function probeAuditLog(options: AuditLogProbeOptions): Promise<AuditLogState> {
  let token: string
  try {
    token = await options.accessToken()
  } catch (error) {
    return couldNotBeChecked(describeTokenFailure(error))
  }

  const url = new URL(`api/v1.0/${encodeURIComponent(options.tenantId)}/activity/feed/subscriptions/list`, endpointRoot(options.managementEndpoint))
  let response: Response
  let body: unknown
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeLimitMs ?? 30_000)
    })
    body = await readJson(response)
  } catch (error) {
    return couldNotBeChecked(describeFetchFailure(error))
  }

  if (response.ok) {
    if (Array.isArray(body)) return { state: 'on' }
    return { state: 'couldNotBeChecked', reason: 'The Office 365 Management Activity API gave an answer the console does not recognise.', details: null }
  }
  if (isTenantNotProvisioned(response.status, body, options.tenantId)) {
    const { details } = describeErrorResponse({ status: response.status, headers: response.headers, body })
    const correlationId = details.code === undefined ? undefined : correlationIdOf(details.code)
    return { state: 'appearsOff', details: correlationId === undefined ? details : { ...details, requestId: details.requestId ?? correlationId } }
  }
  return couldNotBeChecked(describeErrorResponse({ status: response.status, headers: response.headers, body }))
}

function couldNotBeChecked(failure: MicrosoftFailure): AuditLogState {
  return { state: 'couldNotBeChecked', reason: reasonFor(failure), details: failure.details }
}

function reasonFor({ kind }: MicrosoftFailure): string {
  switch (kind) {
    case 'network':
      return 'The console could not reach the Office 365 Management Activity API.'
    case 'throttled':
    case 'unavailable':
      return 'The Office 365 Management Activity API did not answer just now. Try again in a few minutes.'
    case 'forbidden':
      return 'Microsoft did not let the console read the audit log’s state. The console’s permission to read activity data (ActivityFeed.Read) may be missing.'
    case 'accessToken':
      return 'The console could not get access to the Office 365 Management Activity API for your account.'
    case 'microsoft':
      return 'The Office 365 Management Activity API gave an answer the console does not recognise.'
  }
}

/** A body that is not JSON reads as undefined: the status still says what happened. */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text.length === 0) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function endpointRoot(endpoint: string): string {
  return endpoint.endsWith('/') ? endpoint : `${endpoint}/`
}
