import { describe, expect, it } from 'vitest'
import { createConsoleLogger, redact } from '../../src/main/logger.ts'

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'

describe('log redaction', () => {
  it('redacts fields named like secrets, bearer headers and JWTs, and keeps the rest', () => {
    const lines: string[] = []
    createConsoleLogger((line) => lines.push(line)).error(`call failed with Bearer ${jwt}`, {
      accessToken: jwt,
      nested: { refresh_token: 'opaque-refresh', note: `token was ${jwt}` },
      headers: { Authorization: `Bearer ${jwt}` },
      tenant: 'contoso.onmicrosoft.com'
    })
    const [line] = lines
    expect(line).toBeDefined()
    expect(line).not.toContain(jwt)
    expect(line).not.toContain('opaque-refresh')
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      level: 'error',
      message: 'call failed with Bearer [redacted]',
      fields: { accessToken: '[redacted]', nested: { refresh_token: '[redacted]', note: 'token was [redacted]' }, tenant: 'contoso.onmicrosoft.com' }
    })
  })

  it('keeps an error’s name and message, redacted', () => {
    expect(redact(new TypeError(`bad ${jwt}`))).toMatchObject({ name: 'TypeError', message: 'bad [redacted]' })
  })

  it('keeps the whole error for support: its code, its stack and its cause, all redacted', () => {
    const cause = Object.assign(new Error(`EACCES: permission denied, token ${jwt}`), { code: 'EACCES' })
    const logged = redact(new Error('could not save', { cause })) as Record<string, unknown>
    expect(logged).toMatchObject({ name: 'Error', message: 'could not save', cause: { name: 'Error', code: 'EACCES', message: 'EACCES: permission denied, token [redacted]' } })
    expect(logged.stack).toEqual(expect.stringContaining('logger.test.ts'))
    expect(JSON.stringify(logged)).not.toContain(jwt)
  })
})
