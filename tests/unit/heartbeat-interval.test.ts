import { describe, expect, it } from 'vitest'
import { heartbeatIntervalIn } from '../../src/main/settings/heartbeat-interval.ts'

/** DESIGN.md: CONSOLE_HEARTBEAT_SECONDS overrides the interval; the default is 5 minutes. */
describe('the heartbeat interval in effect', () => {
  it('is five minutes by default, and the admin’s choice once saved', () => {
    expect(heartbeatIntervalIn({}, undefined)).toEqual({ seconds: 300, source: 'default' })
    expect(heartbeatIntervalIn({}, 900)).toEqual({ seconds: 900, source: 'settings' })
  })

  it('takes CONSOLE_HEARTBEAT_SECONDS over Settings: any whole number of seconds from one to a day', () => {
    expect(heartbeatIntervalIn({ CONSOLE_HEARTBEAT_SECONDS: '1' }, 900)).toEqual({ seconds: 1, source: 'environment' })
    expect(heartbeatIntervalIn({ CONSOLE_HEARTBEAT_SECONDS: '45' }, undefined)).toEqual({ seconds: 45, source: 'environment' })
    expect(heartbeatIntervalIn({ CONSOLE_HEARTBEAT_SECONDS: ' 120 ' }, 900)).toEqual({ seconds: 120, source: 'environment' })
    expect(heartbeatIntervalIn({ CONSOLE_HEARTBEAT_SECONDS: '86400' }, 900)).toEqual({ seconds: 86_400, source: 'environment' })
  })

  it.each(['', '   ', '0', '86401', '-5', '1.5', '5m', '1e3', '0x10', 'five', '300s'])(
    'ignores CONSOLE_HEARTBEAT_SECONDS=%j rather than guess, and falls back to Settings or the default',
    (value) => {
      expect(heartbeatIntervalIn({ CONSOLE_HEARTBEAT_SECONDS: value }, 600)).toEqual({ seconds: 600, source: 'settings' })
      expect(heartbeatIntervalIn({ CONSOLE_HEARTBEAT_SECONDS: value }, undefined)).toEqual({ seconds: 300, source: 'default' })
    }
  )
})
