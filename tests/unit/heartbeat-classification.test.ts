import { describe, expect, it } from 'vitest'
import { classifyHeartbeat, isConsentRequired, type HeartbeatObservation, type KnownConnection } from '../../src/main/microsoft-365/heartbeat/heartbeat-classification.ts'
import type { TenantGrantReading } from '../../src/main/microsoft-365/heartbeat/tenant-grant-reading.ts'
import type { MicrosoftFailure } from '../../src/main/microsoft-365/microsoft-details.ts'

const contoso = { id: '7f2c9e14-3b8a-4d6f-a1e5-9c0b2d4f6a81', name: 'Contoso', domain: 'contoso.onmicrosoft.com' }
const known: KnownConnection = { tenantId: contoso.id, status: 'connected', grantedPermissions: ['Directory.Read.All', 'ActivityFeed.Read'] }
const details = { code: 'serviceNotAvailable', requestId: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0', at: '2026-12-01T10:00:00.000Z' }

function read(granted: { graph: string[]; management: string[] }, overrides: Partial<Extract<TenantGrantReading, { kind: 'read' }>> = {}): HeartbeatObservation {
  return {
    kind: 'graph',
    reading: { kind: 'read', tenant: contoso, consoleServicePrincipalId: 'console-sp', granted, tenantWideGrants: 2, ...overrides },
    auditLog: { state: 'on' }
  }
}

function graphFailure(failure: Omit<MicrosoftFailure, 'details'>): HeartbeatObservation {
  return { kind: 'graph', reading: { kind: 'failed', failure: { ...failure, details } }, auditLog: null }
}

describe('classifyHeartbeat', () => {
  it('says Connected when the tenant-wide grant holds every permission of the manifest', () => {
    const finding = classifyHeartbeat(read({ graph: ['openid', 'Directory.Read.All', 'directory.read.all'], management: ['ActivityFeed.Read'] }), known)
    expect(finding).toEqual({
      outcome: 'connected',
      cause: null,
      reason: null,
      details: null,
      grantedPermissions: ['openid', 'Directory.Read.All', 'ActivityFeed.Read'],
      missingPermissions: [],
      tenant: contoso,
      reachedMicrosoft: true,
      auditLog: 'on'
    })
  })

  it('says Additional setup required, naming what is missing, when the grant lacks a permission', () => {
    const finding = classifyHeartbeat(read({ graph: ['Directory.Read.All'], management: [] }), known)
    expect(finding).toMatchObject({ outcome: 'additionalSetupRequired', missingPermissions: ['ActivityFeed.Read'], grantedPermissions: ['Directory.Read.All'] })
    expect(finding.reason).toBe(
      'The console’s permissions for your organisation are missing ActivityFeed.Read. Select GRANT PERMISSIONS to grant them.'
    )
  })

  it('does not count a permission granted on the wrong resource', () => {
    const finding = classifyHeartbeat(read({ graph: ['Directory.Read.All', 'ActivityFeed.Read'], management: [] }), known)
    expect(finding).toMatchObject({ outcome: 'additionalSetupRequired', missingPermissions: ['ActivityFeed.Read'] })
  })

  it('says Reconnect required when the consent was revoked: no tenant-wide grant at all, or no service principal', () => {
    const noGrant = classifyHeartbeat(read({ graph: [], management: [] }, { tenantWideGrants: 0 }), known)
    expect(noGrant).toMatchObject({ outcome: 'reconnectRequired', grantedPermissions: [], missingPermissions: ['Directory.Read.All', 'ActivityFeed.Read'], reachedMicrosoft: true })
    expect(noGrant.reason).toMatch(/removed from your tenant\. Select RECONNECT/)
    const noApp = classifyHeartbeat({ kind: 'graph', reading: { kind: 'noServicePrincipal', tenant: contoso }, auditLog: null }, known)
    expect(noApp).toMatchObject({ outcome: 'reconnectRequired', grantedPermissions: [] })
    expect(noApp.reason).toMatch(/no record of the console’s app/)
  })

  it('says Reconnect required when the sign-in now reads another tenant, and keeps what it knew', () => {
    const fabrikam = { id: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', name: 'Fabrikam', domain: 'fabrikam.onmicrosoft.com' }
    const finding = classifyHeartbeat(read({ graph: ['Directory.Read.All'], management: ['ActivityFeed.Read'] }, { tenant: fabrikam }), known)
    expect(finding).toMatchObject({ outcome: 'reconnectRequired', grantedPermissions: null, tenant: null })
    expect(finding.reason).toMatch(/another tenant \(Fabrikam\)/)
  })

  it.each([
    ['interaction required', { reason: 'interactionRequired', details: { code: 'AADSTS65001' } }, true],
    ['no account in the cache', { reason: 'noAccount', details: null }, false],
    ['a revoked refresh token answered as a plain invalid_grant', { reason: 'microsoft', details: { code: 'AADSTS50173' } }, true]
  ] as const)('says Reconnect required when MSAL reports %s', (_case, failure, reached) => {
    const finding = classifyHeartbeat({ kind: 'silentTokenFailed', failure: { ok: false, ...failure } }, known)
    expect(finding).toMatchObject({ outcome: 'reconnectRequired', cause: null, grantedPermissions: null, reachedMicrosoft: reached, details: failure.details })
    expect(finding.reason).toMatch(/RECONNECT/)
  })

  it('says Unreachable with the cause, keeping the last known permissions, when the token endpoint cannot answer', () => {
    const offline = classifyHeartbeat({ kind: 'silentTokenFailed', failure: { ok: false, reason: 'network', details: { code: 'ECONNREFUSED' } } }, known)
    expect(offline).toMatchObject({ outcome: 'unreachable', cause: 'network', grantedPermissions: null, missingPermissions: [], reachedMicrosoft: false })
    expect(offline.reason).toMatch(/internet connection/)
    const down = classifyHeartbeat({ kind: 'silentTokenFailed', failure: { ok: false, reason: 'microsoft', details: { code: 'AADSTS90033' } } }, known)
    expect(down).toMatchObject({ outcome: 'unreachable', cause: 'microsoft', details: { code: 'AADSTS90033' } })
  })

  it.each([
    ['no network', { kind: 'network', status: null }, 'network', /internet connection/],
    ['a 5xx', { kind: 'unavailable', status: 503 }, 'microsoft', /did not answer/],
    ['a 429 after Retry-After', { kind: 'throttled', status: 429 }, 'microsoft', /slow down/],
    ['an answer it does not read', { kind: 'microsoft', status: 400 }, 'microsoft', /did not expect/]
  ] as const)('says Unreachable for %s from Graph, with Microsoft’s code and request-id', (_case, failure, cause, reason) => {
    const finding = classifyHeartbeat(graphFailure(failure), { ...known, grantedPermissions: ['Directory.Read.All'] })
    expect(finding).toMatchObject({ outcome: 'unreachable', cause, details, grantedPermissions: null, missingPermissions: ['ActivityFeed.Read'], reachedMicrosoft: false })
    expect(finding.reason).toMatch(reason)
  })

  it('says Unreachable when the cloud’s sign-in cannot be set up without a network, and when no app registration is configured', () => {
    const failure: MicrosoftFailure = { kind: 'network', status: null, details: { code: 'ECONNREFUSED' } }
    expect(classifyHeartbeat({ kind: 'cloudUnavailable', failure }, known)).toMatchObject({ outcome: 'unreachable', cause: 'network' })
    const unconfigured = classifyHeartbeat({ kind: 'unconfigured' }, known)
    expect(unconfigured).toMatchObject({ outcome: 'unreachable', cause: null, reachedMicrosoft: false })
    // Settings are locked while connected: the way out is the client ID it connected with, or a new connect.
    expect(unconfigured.reason).toMatch(/started without the app registration .* M365_CLIENT_ID.*disconnect and connect again/)
    expect(unconfigured.reason).not.toMatch(/Settings/)
  })

  it('says Unreachable, caused by Microsoft, when a heartbeat outlives its time limit', () => {
    const late = classifyHeartbeat({ kind: 'timedOut', timeLimitMs: 120_000 }, known)
    expect(late).toMatchObject({ outcome: 'unreachable', cause: 'microsoft', grantedPermissions: null, reachedMicrosoft: false, details: null })
    expect(late.reason).toMatch(/did not finish answering within 2 minutes/)
  })

  it('says Additional setup required, keeping the stored grant, when Entra wants consent only for a Graph permission the grant lost', () => {
    const lost = { ...known, status: 'additionalSetupRequired' as const, grantedPermissions: ['ActivityFeed.Read'] }
    const failure = { ok: false as const, reason: 'interactionRequired' as const, details: { code: 'AADSTS65001', requestId: 'trace' } }
    const finding = classifyHeartbeat({ kind: 'graphPermissionsRefused', failure, lacking: ['Directory.Read.All'], auditLog: { state: 'on' } }, lost)
    expect(finding).toEqual({
      outcome: 'additionalSetupRequired',
      cause: null,
      reason: 'The console’s permissions for your organisation are missing Directory.Read.All. Select GRANT PERMISSIONS to grant them.',
      details: failure.details,
      grantedPermissions: null,
      missingPermissions: ['Directory.Read.All'],
      tenant: null,
      reachedMicrosoft: true,
      auditLog: 'on'
    })
    // A connection that already needs a reconnect keeps needing one.
    const stale = classifyHeartbeat({ kind: 'graphPermissionsRefused', failure, lacking: ['Directory.Read.All'], auditLog: null }, { ...lost, status: 'reconnectRequired' })
    expect(stale).toMatchObject({ outcome: 'reconnectRequired', grantedPermissions: null })
  })

  it.each([
    ['consent_required', { code: 'AADSTS65001' }, true],
    ['MSAL’s consent_required', { code: 'consent_required' }, true],
    ['a revoked refresh token', { code: 'AADSTS50173' }, false],
    ['multifactor authentication', { code: 'AADSTS50076' }, false],
    ['no code at all', null, false]
  ] as const)('tells consent for a permission (%s) from a sign-in that is over', (_case, details, consent) => {
    expect(isConsentRequired({ ok: false, reason: 'interactionRequired', details })).toBe(consent)
    expect(isConsentRequired({ ok: false, reason: 'microsoft', details })).toBe(false)
  })

  it('says Reconnect required for a token Graph no longer accepts, and for reads Graph refuses, keeping the stored grant', () => {
    const refused = (status: 401 | 403): HeartbeatObservation => ({ kind: 'graph', reading: { kind: 'refused', status, details }, auditLog: { state: 'couldNotBeChecked', reason: 'x', details: null } })
    expect(classifyHeartbeat(refused(401), known)).toMatchObject({ outcome: 'reconnectRequired', reachedMicrosoft: true, auditLog: 'couldNotBeChecked' })
    // The token names the permissions the reads need, so the grant is not what changed: the account or a policy did.
    const forbidden = classifyHeartbeat(refused(403), known)
    expect(forbidden).toMatchObject({ outcome: 'reconnectRequired', grantedPermissions: null, missingPermissions: [], details, reachedMicrosoft: true })
    expect(forbidden.reason).toMatch(/no longer be an administrator.*Conditional Access.*RECONNECT/)
  })

  it('gives every outcome but Connected a reason for people, and never Microsoft’s own message', () => {
    const observations: HeartbeatObservation[] = [
      read({ graph: [], management: ['ActivityFeed.Read'] }),
      read({ graph: [], management: [] }, { tenantWideGrants: 0 }),
      graphFailure({ kind: 'unavailable', status: 503 }),
      { kind: 'silentTokenFailed', failure: { ok: false, reason: 'interactionRequired', details: null } },
      { kind: 'unconfigured' }
    ]
    for (const observation of observations) {
      const { reason } = classifyHeartbeat(observation, known)
      expect(reason).toMatch(/^[A-Z].*\.$/)
      expect(reason).not.toMatch(/AADSTS|serviceNotAvailable/)
    }
  })
})
