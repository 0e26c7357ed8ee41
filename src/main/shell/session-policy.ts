import type { Session } from 'electron'
import { contentSecurityPolicy } from '../content-security-policy.ts'

/** The console needs no camera, notifications or other browser permissions: every request is refused. */
export function applySessionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] }
    })
  })
}
