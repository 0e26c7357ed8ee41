import { describe, expect, it } from 'vitest'
import { isJsonContentType, parseJson } from '../../../src/loopback-http/parse-json.ts'

describe('JSON bodies on loopback', () => {
  it('takes application/json with or without parameters, in any case', () => {
    expect(isJsonContentType('application/json')).toBe(true)
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true)
  })

  it('refuses what only starts like JSON, and what a cross-site form can send without a preflight', () => {
    for (const type of ['application/jsonp', 'application/json-seq', 'text/plain', 'application/x-www-form-urlencoded', undefined]) {
      expect(isJsonContentType(type), String(type)).toBe(false)
    }
  })

  it('parses a UTF-8 body, and says so instead of throwing when it is not JSON', () => {
    expect(parseJson(Buffer.from('{"a":"é"}'))).toEqual({ ok: true, value: { a: 'é' } })
    expect(parseJson(Buffer.from('{not json'))).toEqual({ ok: false })
  })
})
