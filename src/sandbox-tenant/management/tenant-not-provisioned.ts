import { randomUUID } from 'node:crypto'
import type { SandboxResponse } from '../http/sandbox-http.ts'
import { activityJson } from './management-answers.ts'

export interface ActivityOperation {
  /** `StartSubscription` or `ListSubscriptions`. */
  name: string
  tenantId: string
  applicationId: string
  publisherId: string
  contentType: string | null
}

/**
 * What the Activity API answers while unified audit logging was never turned on for a tenant: the
 * troubleshooting guide's "Tenant <tenantID> does not exist" (fixture
 * o365mgmt.troubleshooting.tenant-does-not-exist.txt). Public reports agree on the form, status 400
 * with the operation in `code` and the exception in `message`, split oddly inside `[AppId=…]`
 * (microsoft/coe-starter-kit#3364 and #6583, MicrosoftDocs/power-platform#184,
 * microsoft/powerapps-tools#647, counteractive/o365beat#58). The real message then carries a .NET
 * stack trace; the sandbox stops after the exception's own sentence, since it never shows stack traces.
 */
export function tenantNotProvisioned(operation: ActivityOperation): SandboxResponse {
  const subject = [
    `TenantId=${operation.tenantId}`,
    ...(operation.contentType === null ? [] : [`ContentType=${operation.contentType}`]),
    `ApplicationId=${operation.applicationId}`,
    `PublisherId=${operation.publisherId}`
  ].join(',')
  const appId = operation.applicationId
  return activityJson(400, {
    error: {
      code: `${operation.name} [CorrId=${randomUUID()}][${subject}][AppId`,
      message: `${appId.slice(1)}] failed. Exception: Microsoft.Office.Compliance.Audit.DataServiceException: Tenant ${operation.tenantId} does not exist.`
    }
  })
}
