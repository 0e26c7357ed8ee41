/**
 * Whether a `Content-Type` names JSON exactly, parameters aside. A prefix test would also pass
 * `application/jsonp` or `application/json-seq`, which a cross-site request can send as it likes.
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

export type JsonParsing = { ok: true; value: unknown } | { ok: false }

/** JSON from a body read as UTF-8; `ok: false` instead of an exception, since callers answer 400 either way. */
export function parseJson(body: Buffer): JsonParsing {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown }
  } catch {
    return { ok: false }
  }
}
