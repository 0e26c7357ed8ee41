import { describe, expect, it } from 'vitest'
import { isLoopbackHostname } from '../../src/main/loopback-address.ts'

describe('which host names are this computer', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.4.5.6', '[::1]', '::1'])('%s is loopback', (host) => {
    expect(isLoopbackHostname(host)).toBe(true)
  })

  it.each(['localhost.evil.example', '127.0.0.1.evil.example', '128.0.0.1', '0.0.0.0', '[::2]', 'graph.microsoft.com'])(
    '%s is not',
    (host) => expect(isLoopbackHostname(host)).toBe(false)
  )
})
