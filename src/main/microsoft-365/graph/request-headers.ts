import type { Context } from '@microsoft/microsoft-graph-client'

/**
 * A request's headers live either on a Request object or in the fetch options, where the client may
 * keep them as a record, as pairs or as a Headers object. Turning them into Headers settles the case
 * of their names, so `authorization` never ends up beside `Authorization`.
 */
export function setRequestHeader(context: Context, name: string, value: string): void {
  if (context.request instanceof Request) {
    context.request.headers.set(name, value)
    return
  }
  const options = (context.options ??= {})
  const headers = new Headers(options.headers)
  headers.set(name, value)
  options.headers = headers
}

export function hasRequestHeader(context: Context, name: string): boolean {
  if (context.request instanceof Request) return context.request.headers.has(name)
  return new Headers(context.options?.headers).has(name)
}
