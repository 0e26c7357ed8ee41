import { describe, expect, it } from 'vitest'
import { cloudProfiles } from '../../src/main/microsoft-365/cloud-profiles.ts'
import { waitSeconds } from '../../src/main/microsoft-365/heartbeat/graph-batch.ts'
import { heartbeatScopes } from '../../src/main/microsoft-365/heartbeat/heartbeat-scopes.ts'

describe('heartbeatScopes', () => {
  it('asks for the manifest’s permissions by name, in the cloud’s own resource, never .default', () => {
    expect(heartbeatScopes(cloudProfiles.usGovernment, ['directory.read.all', 'ActivityFeed.Read', 'User.Read'])).toEqual({
      graph: ['https://graph.microsoft.us/Directory.Read.All'],
      management: ['https://manage.office365.us/ActivityFeed.Read']
    })
  })

  it('leaves out what the grant does not hold, so the cache still answers; Graph falls back to the manifest', () => {
    expect(heartbeatScopes(cloudProfiles.global, ['Directory.Read.All'])).toEqual({ graph: ['https://graph.microsoft.com/Directory.Read.All'], management: [] })
    expect(heartbeatScopes(cloudProfiles.global, [])).toEqual({ graph: ['https://graph.microsoft.com/Directory.Read.All'], management: [] })
  })
})

describe('waitSeconds', () => {
  const retry = { maxRetries: 3, delaySeconds: 2, maxDelaySeconds: 60 }
  const retryAfter = (value: string) => new Headers({ 'Retry-After': value })

  it('waits for the longest Retry-After that the batched answers name, in seconds or as a date', () => {
    const now = Date.parse('2026-12-01T10:00:00.000Z')
    expect(waitSeconds([retryAfter('3'), retryAfter('7'), undefined], retry, 0, now)).toBe(7)
    expect(waitSeconds([retryAfter('Tue, 01 Dec 2026 10:00:12 GMT')], retry, 0, now)).toBe(12)
  })

  it('backs off when none names one, and gives up on a wait longer than a heartbeat accepts', () => {
    expect(waitSeconds([new Headers(), retryAfter('soon')], retry, 0)).toBe(2)
    expect(waitSeconds([new Headers()], retry, 2)).toBe(8)
    expect(waitSeconds([retryAfter('61')], retry, 0)).toBeNull()
  })
})
