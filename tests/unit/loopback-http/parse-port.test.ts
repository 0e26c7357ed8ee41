import { describe, expect, it } from 'vitest'
import { parsePortSetting } from '../../../src/loopback-http/parse-port.ts'

describe('the PORT setting both loopback servers read', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['  ', 0],
    ['0', 0],
    ['4999', 4999],
    [' 8080 ', 8080],
    ['65535', 65535]
  ])('reads %j as port %d', (value, port) => {
    expect(parsePortSetting(value)).toEqual({ ok: true, port })
  })

  it.each(['80abc', 'http', '0x50', '1e3', '80.0', '-1', '65536', '99999', '+80', '8 0'])('refuses %j and says what it wants', (value) => {
    expect(parsePortSetting(value)).toEqual({ ok: false, message: `PORT must be a whole number from 0 to 65535, not "${value}".` })
  })
})
