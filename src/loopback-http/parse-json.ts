export type JsonParsing = { ok: true; value: unknown } | { ok: false }

/** JSON from a body read as UTF-8; `ok: false` instead of an exception, since callers answer 400 either way. */
export function parseJson(body: Buffer): JsonParsing {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown }
  } catch {
    return { ok: false }
  }
}
