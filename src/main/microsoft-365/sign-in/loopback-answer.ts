import { request } from 'node:http'
import { isLoopbackHostname } from '../../loopback-address.ts'

const answerTimeoutMs = 5_000

/**
 * Ends MSAL's wait for the browser the only way MSAL offers (DESIGN.md, "No abort"): an OAuth error
 * answer, `error=access_denied` with the flow's own `state`, posted as a form to its loopback
 * `redirect_uri`. MSAL then rejects and closes its server, which frees the port.
 */
export async function postAccessDenied(redirectUri: string, state: string): Promise<void> {
  const target = new URL(redirectUri)
  if (target.protocol !== 'http:' || !isLoopbackHostname(target.hostname)) {
    throw new Error('The redirect URI is not MSAL’s loopback, so no answer was posted to it.')
  }
  const body = new URLSearchParams({ error: 'access_denied', state }).toString()
  await new Promise<void>((resolve, reject) => {
    const post = request(
      {
        // MSAL listens on 127.0.0.1 but names the URI localhost, which may resolve to ::1 first.
        host: target.hostname === 'localhost' ? '127.0.0.1' : target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        path: '/',
        method: 'POST',
        agent: false,
        timeout: answerTimeoutMs,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), Connection: 'close' }
      },
      (response) => {
        response.resume()
        response.on('end', resolve)
        response.on('error', reject)
      }
    )
    post.on('timeout', () => post.destroy(new Error('MSAL’s loopback did not answer.')))
    post.on('error', reject)
    post.end(body)
  })
}
