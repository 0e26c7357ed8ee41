import type { Client } from '@microsoft/microsoft-graph-client'
import { z } from 'zod'
import type { Tenant } from '../../../shared/cloud-applications.ts'
import type { MicrosoftDetails } from '../../../shared/microsoft-365.ts'
import { odataString, readPages } from '../graph/graph-collection.ts'
import { listPermissionGrants, permissionGrant, permissionGrantFilter, permissionGrantsWhat } from '../graph/permission-grants.ts'
import { resourceAppIds } from '../graph/service-principals.ts'
import { readGraphAnswer, UnexpectedGraphAnswerError } from '../graph/unexpected-graph-answer.ts'
import { describeErrorResponse, describeGraphFailure, type MicrosoftFailure } from '../microsoft-details.ts'
import { tenantWideScopesOf, type TenantWideScopes } from '../prerequisites/tenant-wide-consent-check.ts'
import { organizations, tenantOf } from '../prerequisites/signed-in-tenant.ts'
import { sendGraphBatch, type BatchAnswer, type BatchRetry } from './graph-batch.ts'

export interface TenantGrantQuery {
  /** The console's Application (client) ID. */
  clientId: string
  /** The console's service principal object id, as a previous heartbeat found it; null before the first. */
  consoleServicePrincipalId: string | null
  retry: BatchRetry
}

/** What Graph said about the tenant and the console's tenant-wide grant. */
export type TenantGrantReading =
  | {
      kind: 'read'
      tenant: Tenant
      consoleServicePrincipalId: string
      /** The tenant-wide (AllPrincipals) grants' permissions, per resource. */
      granted: TenantWideScopes
      /** How many tenant-wide grants the console holds; none at all means its consent was revoked. */
      tenantWideGrants: number
    }
  /** The tenant has no service principal for the console: its consent was removed with the app. */
  | { kind: 'noServicePrincipal'; tenant: Tenant }
  /** 401: Microsoft no longer accepts the token; 403: it lacks a permission the reads need. */
  | { kind: 'refused'; status: 401 | 403; details: MicrosoftDetails }
  /** No answer, throttled after Retry-After, 5xx, or another answer that says nothing about the grant. */
  | { kind: 'failed'; failure: MicrosoftFailure }
  /** Graph answered 2xx with something the console cannot read. */
  | { kind: 'unexpected' }

const servicePrincipal = z.object({ id: z.string().min(1) })

/**
 * One `$batch` round trip for everything a heartbeat asks Graph: the tenant, the console's service
 * principal and those of the two resources it holds permissions on, and the console's tenant-wide
 * grants. The grants are filtered by the console's service principal object id, which the first
 * heartbeat learns: only then, or when the service principal was replaced (consent removed and
 * given again), does a second request read them. It never rejects.
 */
export async function readTenantGrant(graph: Client, query: TenantGrantQuery): Promise<TenantGrantReading> {
  try {
    return await read(graph, query)
  } catch (error) {
    if (error instanceof UnexpectedGraphAnswerError) return { kind: 'unexpected' }
    return failed(describeGraphFailure(error))
  }
}

async function read(graph: Client, query: TenantGrantQuery): Promise<TenantGrantReading> {
  const known = query.consoleServicePrincipalId
  const answers = await sendGraphBatch(
    graph,
    [
      { id: 'organization', url: '/organization?$select=id,displayName,verifiedDomains' },
      { id: 'console', url: servicePrincipalUrl(query.clientId) },
      { id: 'graph', url: servicePrincipalUrl(resourceAppIds.microsoftGraph) },
      { id: 'management', url: servicePrincipalUrl(resourceAppIds.officeManagementApis) },
      ...(known === null ? [] : [{ id: 'grants', url: grantsUrl(known) }])
    ],
    query.retry
  )
  const failure = firstFailure(answers)
  if (failure) return failure

  const { value } = readGraphAnswer(organizations, answers.get('organization')?.body, 'your organisation')
  const organisation = value[0]
  if (!organisation) throw new UnexpectedGraphAnswerError('your organisation')
  const tenant = tenantOf(organisation)
  const consoleApp = servicePrincipalIn(answers.get('console'))
  if (consoleApp === null) return { kind: 'noServicePrincipal', tenant }
  const resourceIds = { graph: servicePrincipalIn(answers.get('graph')), management: servicePrincipalIn(answers.get('management')) }

  const grants =
    consoleApp === known
      ? await readPages(graph, answers.get('grants')?.body, permissionGrant, permissionGrantsWhat)
      : await listPermissionGrants(graph, { clientId: consoleApp, consentType: 'AllPrincipals' })
  const tenantWide = grants.filter((grant) => grant.consentType === 'AllPrincipals')
  return { kind: 'read', tenant, consoleServicePrincipalId: consoleApp, granted: tenantWideScopesOf(tenantWide, resourceIds), tenantWideGrants: tenantWide.length }
}

function servicePrincipalUrl(appId: string): string {
  return `/servicePrincipals(appId=${odataString(appId)})?$select=id,appId`
}

function grantsUrl(consoleServicePrincipalId: string): string {
  const filter = permissionGrantFilter({ clientId: consoleServicePrincipalId, consentType: 'AllPrincipals' })
  return `/oauth2PermissionGrants?$filter=${encodeURIComponent(filter)}`
}

/** A service principal's object id, or null when the tenant has none (404). */
function servicePrincipalIn(answer: BatchAnswer | undefined): string | null {
  if (answer?.status === 404) return null
  return readGraphAnswer(servicePrincipal, answer?.body, 'a service principal').id
}

/**
 * The failure that says most, among the batched answers: a refused token first (it decides the
 * status whatever else failed), then whatever came first. A service principal that is not there
 * (404) is an answer, not a failure.
 */
function firstFailure(answers: Map<string, BatchAnswer>): TenantGrantReading | null {
  const failures: MicrosoftFailure[] = []
  for (const [id, answer] of answers) {
    if (answer.status < 300) continue
    if (answer.status === 404 && id !== 'organization' && id !== 'grants') continue
    failures.push(describeErrorResponse({ status: answer.status, headers: answer.headers, body: answer.body }))
  }
  const refused = failures.find((failure) => failure.status === 401) ?? failures.find((failure) => failure.status === 403)
  const first = refused ?? failures[0]
  return first ? failed(first) : null
}

function failed(failure: MicrosoftFailure): TenantGrantReading {
  if (failure.status === 401 || failure.status === 403) return { kind: 'refused', status: failure.status, details: failure.details }
  return { kind: 'failed', failure }
}
