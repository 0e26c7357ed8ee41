import { pathToFileURL } from 'node:url'
import type { CallSender } from './dispatcher.ts'

/**
 * A call is trusted only from the console's own page: the packaged `index.html` on disk, or the
 * dev server's origin while developing. Anything else (a navigated frame, an iframe, a file the
 * app did not ship) is refused.
 */
export function createSenderPolicy(trusted: { rendererFile?: string; devServerUrl?: string }) {
  const devOrigin = trusted.devServerUrl ? new URL(trusted.devServerUrl).origin : null
  const rendererPath = trusted.rendererFile ? pathToFileURL(trusted.rendererFile).pathname : null
  return (sender: CallSender): boolean => {
    const url = sender.url ? URL.parse(sender.url) : null
    if (!url) return false
    if (url.protocol === 'file:') return rendererPath !== null && url.pathname === rendererPath
    return devOrigin !== null && url.origin === devOrigin
  }
}
