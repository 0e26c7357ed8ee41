/**
 * The Activity API's answer while unified audit logging was never turned on (DESIGN.md, "Audit log
 * off, as seen in the wild"): HTTP 400 whose `code` is not an AF code but the failed operation,
 * `ListSubscriptions [CorrId=…][TenantId=…,…][AppId`, and whose `message` carries the exception
 * `Microsoft.Office.Compliance.Audit.DataServiceException: Tenant <id> does not exist.`
 *
 * The code alone says only that the operation threw; which exception it was is in the message and
 * nowhere else. So this one answer is recognised by both, the message by the exception's whole
 * sentence for this tenant, not by a loose word. Any other failure, including a variant of this one,
 * counts as "could not be checked" rather than "off".
 */
export function isTenantNotProvisioned(status: number, body: unknown, tenantId: string): boolean {
  if (status !== 400) return false
  const error = errorOf(body)
  if (!error) return false
  const operation = /^(ListSubscriptions|StartSubscription) \[CorrId=[^\]]*\]\[TenantId=([^,\]]+)/.exec(error.code)
  if (!operation || operation[2]?.toLowerCase() !== tenantId.toLowerCase()) return false
  return error.message.includes(`DataServiceException: Tenant ${operation[2]} does not exist.`)
}

/** The correlation ID inside such a code, which is what Microsoft support asks for. */
export function correlationIdOf(code: string): string | undefined {
  return /\[CorrId=([^\]]+)\]/.exec(code)?.[1]
}

function errorOf(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const error = (body as { error?: unknown }).error
  if (typeof error !== 'object' || error === null) return undefined
  const { code, message } = error as { code?: unknown; message?: unknown }
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : undefined
}
