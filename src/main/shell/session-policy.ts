import type { Session } from 'electron'
import { contentSecurityPolicy } from '../content-security-policy.ts'

/**
 * The console needs no camera, notifications or other browser permissions: every request is refused.
 * The CSP header is left off only while developing, where Vite's dev server needs its inline
 * preamble and the page's own meta CSP (relaxed for the dev server alone) still applies.
 */
export function applySessionPolicy(session: Session, { developing }: { developing: boolean }): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  if (developing) return
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] }
    })
  })
}
