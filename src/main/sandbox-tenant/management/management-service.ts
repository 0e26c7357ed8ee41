import { jsonResponse, type SandboxServiceHandler } from '../http/sandbox-http.ts'
import type { SandboxContext } from '../sandbox-context.ts'

// Placeholder until the Management Activity API endpoints land.
export function createManagementService(_context: SandboxContext): SandboxServiceHandler {
  return {
    handle: () => jsonResponse(404, { error: 'not_found' }),
    faultResponse: () => jsonResponse(503, { error: 'temporarily_unavailable' }),
    internalErrorResponse: () => jsonResponse(500, { error: 'server_error' })
  }
}
