/**
 * A public client app registered with the loopback redirect `http://localhost`: Entra accepts any
 * port and path on it, and on `127.0.0.1`, for the `http` scheme only (RFC 8252 §7.3).
 */
export function parseLoopbackRedirectUri(value: string | null): URL | undefined {
  if (!value) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:') return undefined
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') return undefined
  if (url.username || url.password || url.hash) return undefined
  return url
}
