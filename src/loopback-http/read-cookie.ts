/** The value of one cookie in a `Cookie` request header, or undefined when it is absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  return readCookies(header, name)[0]
}

/**
 * Every value a `Cookie` header carries under one name. A page on another port of the same host may
 * set a cookie of the same name with a longer path, which the browser then sends first; a check that
 * reads only the first value could be locked out that way.
 */
export function readCookies(header: string | undefined, name: string): string[] {
  const values: string[] = []
  for (const pair of header?.split(';') ?? []) {
    const separator = pair.indexOf('=')
    if (separator === -1) continue
    if (pair.slice(0, separator).trim() === name) values.push(pair.slice(separator + 1).trim())
  }
  return values
}
