export type LogFields = Record<string, unknown>

export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

const secretKeys = /token|secret|password|assertion|code_verifier|authorization|cookie/i
const bearer = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/g
const jwtLike = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g

/** Redaction happens here, once, so no caller has to remember it. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(bearer, '$1[redacted]').replace(jwtLike, '[redacted]')
  if (value instanceof Error) return redactError(value, depth)
  if (Array.isArray(value)) return depth > 5 ? '[…]' : value.map((item) => redact(item, depth + 1))
  if (value && typeof value === 'object') {
    if (depth > 5) return '[…]'
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, secretKeys.test(key) ? '[redacted]' : redact(item, depth + 1)])
    )
  }
  return value
}

/** The whole error, as support needs it: its code, where it was thrown, and what caused it. */
function redactError(error: Error, depth: number): Record<string, unknown> {
  const code = (error as { code?: unknown }).code
  return {
    name: error.name,
    message: redact(error.message, depth + 1),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.stack ? { stack: redact(error.stack, depth + 1) } : {}),
    ...(error.cause !== undefined ? { cause: depth > 5 ? '[…]' : redact(error.cause, depth + 1) } : {})
  }
}

export function createConsoleLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const log = (level: string) => (message: string, fields?: LogFields) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, message: redact(message), ...(fields ? { fields: redact(fields) } : {}) }))
  return { info: log('info'), warn: log('warn'), error: log('error') }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
