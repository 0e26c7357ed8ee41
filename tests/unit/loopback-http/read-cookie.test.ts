import { describe, expect, it } from 'vitest'
import { readCookie } from '../../../src/loopback-http/read-cookie.ts'

describe('reading one cookie from a Cookie header', () => {
  it('finds a cookie among others, whatever the spacing, and keeps = inside its value', () => {
    expect(readCookie('a=1; session_4000=x=y;b=2', 'session_4000')).toBe('x=y')
    expect(readCookie('  session_4000 = v ', 'session_4000')).toBe('v')
  })

  it('matches the whole name only, so one port’s cookie never stands in for another’s', () => {
    expect(readCookie('session_40001=v', 'session_4000')).toBeUndefined()
    expect(readCookie('xsession_4000=v', 'session_4000')).toBeUndefined()
  })

  it('answers undefined for a missing header, a missing cookie or a pair without =', () => {
    expect(readCookie(undefined, 'a')).toBeUndefined()
    expect(readCookie('b=1', 'a')).toBeUndefined()
    expect(readCookie('a', 'a')).toBeUndefined()
  })
})
