import { jsonResponse, type SandboxResponse } from '../http/sandbox-http.ts'

// The Activity API runs on ASP.NET and answers JSON with these cache headers
// (fixture o365mgmt.troubleshooting.subscriptions.list.powershell.txt).
const activityHeaders = { Pragma: 'no-cache', 'Cache-Control': 'no-cache', Expires: '-1' }

export function activityJson(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return jsonResponse(status, body, { ...activityHeaders, ...headers })
}

/** The API's documented error body `{"error":{"code":"AFnnnnn","message":…}}` (reference, "Errors"). */
export function activityError(status: number, code: string, message: string, headers: Record<string, string> = {}): SandboxResponse {
  return activityJson(status, { error: { code, message } }, headers)
}

/** Messages of the reference's error table (fixture o365mgmt.error-codes.json), filled in. */
export const activityMessages = {
  // The live service words it "does not include", where the table says "did not include"
  // (microsoft/coe-starter-kit#6536, #8300; OfficeDev/O365-InvestigationTooling#34).
  permissionMissing: (held: readonly string[]) =>
    `The permission set (${held.join(' ')}) sent in the request does not include the expected permission.`,
  missingParameter: (name: string) => `Missing parameter: ${name}.`,
  invalidParameterType: (name: string, expected: string) => `Invalid parameter type: ${name}. Expected type: ${expected}`,
  tenantMismatch: (inUrl: string, inToken: string) =>
    `The tenant ID passed in the URL (${inUrl}) does not match the tenant ID passed in the access token (${inToken}).`,
  tenantNotGuid: (inUrl: string) => `The tenant ID passed in the URL (${inUrl}) is not a valid GUID.`,
  invalidContentType: 'The specified content type is not valid.',
  webhookNotHttps: (address: string) => `The webhook endpoint {${address}) could not be validated. The address must begin with HTTPS.`,
  // Not in the table, but what the service answers when a subscription is started twice (microsoft/coe-starter-kit#2807).
  alreadyEnabled: 'The subscription is already enabled. No property change.',
  tooManyRequests: (method: string, publisherId: string) => `Too many requests. Method=${method}, PublisherId=${publisherId}`,
  // The sample body of the "Errors" section (fixture o365mgmt.error.AF50000.json).
  internalError: 'An internal server error occurred. Retry the request.'
} as const
