import type { CallSender } from './dispatcher.ts'

/**
 * A call is trusted only from the console's own page, by its exact origin: the renderer scheme's
 * (`console-app://renderer`) in a built app, or the dev server's while developing. file:// is never
 * trusted: every file on disk shares it. Anything else (a navigated frame, an iframe) is refused.
 */
export function createSenderPolicy(trusted: { appOrigin?: string; devServerUrl?: string }) {
  const origins = new Set([trusted.appOrigin, trusted.devServerUrl].map((url) => (url ? originOf(url) : null)).filter((origin) => origin !== null))
  return (sender: CallSender): boolean => {
    const origin = sender.url ? originOf(sender.url) : null
    return origin !== null && origins.has(origin)
  }
}

/**
 * Node's URL gives every non-special scheme the opaque origin "null", so for the app's own scheme the
 * origin is spelled out from scheme and host. Opaque URLs (data:, about:, file:) have none.
 */
function originOf(candidate: string): string | null {
  const url = URL.parse(candidate)
  if (!url || url.username || url.password) return null
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin
  if (url.protocol === 'file:' || url.host === '') return null
  return `${url.protocol}//${url.host}`
}
