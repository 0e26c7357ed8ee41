/**
 * Whether a URL's hostname names this computer: `localhost`, `::1` or anything in 127.0.0.0/8.
 * Plain http is safe only there, which is why the endpoint settings and the external-link
 * allowlist both ask this one question.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}
