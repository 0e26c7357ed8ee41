import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import type { ScenarioSnapshot } from '../../../src/sandbox-tenant/scenario/scenario-snapshot.ts'

describe('the sandbox scenario control endpoint', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.scenario.reset())

  const post = (path: string, body: unknown, contentType = 'application/json') =>
    fetch(new URL(path, sandbox.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body)
    })

  it('describes the seeded world: Megan is Global Administrator, Business Premium, audit log on, nothing granted', async () => {
    const response = await fetch(new URL('_sandbox/scenario', sandbox.baseUrl))
    expect(response.status).toBe(200)
    const snapshot = (await response.json()) as ScenarioSnapshot
    expect(snapshot).toMatchObject({
      tenantId: sandbox.tenantId,
      globalAdministrators: ['MeganB@contoso.onmicrosoft.com'],
      subscriptions: [{ skuPartNumber: 'SPB', capabilityStatus: 'Enabled' }],
      auditLogEnabled: true,
      grantedPermissions: { graph: [], management: [] },
      outages: [],
      throttling: [],
      latencyMs: 0
    })
  })

  it('applies every field of a change and answers with the new snapshot', async () => {
    const response = await post('_sandbox/scenario', {
      globalAdministrator: 'AdeleV@contoso.onmicrosoft.com',
      subscription: 'suspended',
      auditLog: false,
      grantedPermissions: { graph: ['User.Read', 'Organization.Read.All'], management: ['ActivityFeed.Read'] },
      removePermission: 'Organization.Read.All',
      addPermission: 'https://graph.microsoft.com/Application.Read.All',
      mfaRequired: true,
      outage: { service: 'management', requests: 2 },
      throttling: { service: 'graph', retryAfterSeconds: 7 },
      batchItemThrottling: { retryAfterSeconds: 3, requests: 2 },
      latencyMs: 25,
      tokenLifetimes: { accessTokenSeconds: 60 }
    })
    expect(response.status).toBe(200)
    const snapshot = (await response.json()) as ScenarioSnapshot
    expect(snapshot.globalAdministrators).toEqual(['AdeleV@contoso.onmicrosoft.com'])
    expect(snapshot.subscriptions).toEqual([{ skuPartNumber: 'SPB', capabilityStatus: 'Suspended' }])
    expect(snapshot.auditLogEnabled).toBe(false)
    expect(snapshot.grantedPermissions).toEqual({ graph: ['User.Read', 'Application.Read.All'], management: ['ActivityFeed.Read'] })
    expect(snapshot.mfaRequired).toEqual(['MeganB@contoso.onmicrosoft.com', 'AdeleV@contoso.onmicrosoft.com'])
    expect(snapshot.outages).toEqual([{ service: 'management', remainingRequests: 2 }])
    expect(snapshot.throttling).toEqual([{ service: 'graph', retryAfterSeconds: 7, remainingRequests: null }])
    expect(snapshot.batchItemThrottling).toEqual({ retryAfterSeconds: 3, remainingRequests: 2 })
    expect(snapshot.latencyMs).toBe(25)
    expect(snapshot.tokenLifetimes.accessTokenSeconds).toBe(60)
  })

  it('reset puts the seeded world back and lifts every fault', async () => {
    sandbox.scenario.setSubscription('none')
    sandbox.scenario.setOutage('all')
    const snapshot = (await (await post('_sandbox/reset', {})).json()) as ScenarioSnapshot
    expect(snapshot.subscriptions).toEqual([{ skuPartNumber: 'SPB', capabilityStatus: 'Enabled' }])
    expect(snapshot.outages).toEqual([])
  })

  it.each([
    ['an unknown field', { subscriptions: 'none' }, /subscriptions/],
    ['an unknown plan', { subscription: 'E7' }, /subscription/],
    ['an unknown account', { globalAdministrator: 'nobody@contoso.onmicrosoft.com' }, /No account nobody@/],
    ['an unknown permission', { addPermission: 'Mail.ReadEverything' }, /Mail\.ReadEverything/],
    ['a negative latency', { latencyMs: -1 }, /latencyMs/]
  ])('refuses %s with a 400 that says what is wrong', async (_name, change, message) => {
    const response = await post('_sandbox/scenario', change)
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('ScenarioControlError')
    expect(body.error.message).toMatch(message)
  })

  it('changes nothing when any part of a change is refused', async () => {
    const response = await post('_sandbox/scenario', { auditLog: false, subscription: 'none', addPermission: 'Mail.ReadEverything' })
    expect(response.status).toBe(400)
    expect(sandbox.scenario.snapshot()).toMatchObject({ auditLogEnabled: true, subscriptions: [{ skuPartNumber: 'SPB' }] })
  })

  it('refuses a body that is not JSON, and a change sent as a form, which a web page could forge', async () => {
    expect((await post('_sandbox/scenario', '{not json')).status).toBe(400)
    const forged = await post('_sandbox/scenario', 'auditLog=false', 'application/x-www-form-urlencoded')
    expect(forged.status).toBe(415)
    expect(sandbox.scenario.snapshot().auditLogEnabled).toBe(true)
  })

  it('answers 404 for an unknown control and 405 for a wrong method', async () => {
    expect((await fetch(new URL('_sandbox/nothing', sandbox.baseUrl))).status).toBe(404)
    expect((await fetch(new URL('_sandbox/reset', sandbox.baseUrl))).status).toBe(405)
  })
})

describe('the programmatic scenario controls', () => {
  let sandbox: SandboxTenant

  beforeAll(async () => {
    sandbox = await startSandboxTenant()
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.scenario.reset())

  it('keeps a demoted Global Administrator able to consent, as a Cloud Application Administrator', () => {
    sandbox.scenario.setGlobalAdministrator(null)
    expect(sandbox.scenario.snapshot().globalAdministrators).toEqual([])
    sandbox.scenario.setGlobalAdministrator('MeganB@contoso.onmicrosoft.com')
    expect(sandbox.scenario.snapshot().globalAdministrators).toEqual(['MeganB@contoso.onmicrosoft.com'])
  })

  it.each([
    ['businessBasic', 'O365_BUSINESS_ESSENTIALS', 'Enabled'],
    ['office365E3', 'ENTERPRISEPACK', 'Enabled'],
    ['f1Only', 'M365_F1_COMM', 'Enabled'],
    ['suspended', 'SPB', 'Suspended']
  ] as const)('sets the subscription %s', (plan, skuPartNumber, capabilityStatus) => {
    sandbox.scenario.setSubscription(plan)
    expect(sandbox.scenario.snapshot().subscriptions).toEqual([{ skuPartNumber, capabilityStatus }])
  })

  it('removes every subscription for "none"', () => {
    sandbox.scenario.setSubscription('none')
    expect(sandbox.scenario.snapshot().subscriptions).toEqual([])
  })

  it('revoking consent empties both resources of the tenant-wide grant', () => {
    sandbox.scenario.setGrantedPermissions({ graph: ['User.Read'], management: ['ActivityFeed.Read'] })
    sandbox.scenario.revokeConsent()
    expect(sandbox.scenario.grantedPermissions()).toEqual({ graph: [], management: [] })
  })

  it('delays every answer by the added latency, and stops when it is set back to 0', async () => {
    const discovery = new URL('organizations/v2.0/.well-known/openid-configuration', sandbox.baseUrl)
    const timed = async () => {
      const started = performance.now()
      expect((await fetch(discovery)).status).toBe(200)
      return performance.now() - started
    }
    sandbox.scenario.setLatency(300)
    expect(await timed()).toBeGreaterThanOrEqual(295)
    sandbox.scenario.setLatency(0)
    expect(await timed()).toBeLessThan(295)
  })

  it('counts a limited outage down and then lifts it', () => {
    sandbox.scenario.setOutage('graph', 1)
    expect(sandbox.scenario.snapshot().outages).toHaveLength(1)
    sandbox.scenario.endOutage()
    expect(sandbox.scenario.snapshot().outages).toEqual([])
  })
})
