import { createServer as createHttpServer } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLogStateSchema, type AuditLogState } from '../../src/shared/microsoft-365.ts'
import { probeAuditLog } from '../../src/main/microsoft-365/audit-log/audit-log-probe.ts'
import { sandboxIds } from '../../src/sandbox-tenant/world/seed-world.ts'
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { closedPort } from '../support/closed-port.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const alex = 'AlexW@fabrikam.onmicrosoft.com'

let sandbox: SandboxTenant

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.scenario.reset())

async function probe(options: { account?: string; tenantId?: string; scopes?: string[]; managementEndpoint?: string } = {}): Promise<AuditLogState> {
  const { account = megan, tenantId = sandbox.tenantId, scopes = ['ActivityFeed.Read'], managementEndpoint = sandbox.baseUrl } = options
  const state = await probeAuditLog({
    managementEndpoint,
    tenantId,
    accessToken: () => Promise.resolve(sandbox.issueAccessToken({ userPrincipalName: account, resource: 'management', scopes }))
  })
  // Whatever it finds must cross IPC: it holds to the contract's schema.
  expect(auditLogStateSchema.safeParse(state).success).toBe(true)
  return state
}

describe('the audit-log probe against the sandbox’s Management Activity API', () => {
  it('finds audit logging on at Contoso', async () => {
    expect(await probe()).toEqual({ state: 'on' })
  })

  it('finds it apparently off once Contoso turns it off, with the operation’s code and correlation ID as details', async () => {
    sandbox.scenario.setAuditLog(false)
    const state = await probe()
    expect(state).toMatchObject({ state: 'appearsOff', details: { code: expect.stringMatching(/^ListSubscriptions \[CorrId=/) as unknown } })
    if (state.state !== 'appearsOff') throw new Error('not off')
    expect(state.details?.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(state.details?.code).toContain(state.details?.requestId)
  })

  it('finds it apparently off at Fabrikam, as seeded', async () => {
    expect((await probe({ account: alex, tenantId: sandboxIds.fabrikamTenantId })).state).toBe('appearsOff')
  })

  it('could not check it when the token lacks ActivityFeed.Read (AF10001), and says the permission may be missing', async () => {
    const state = await probe({ scopes: ['ServiceHealth.Read'] })
    expect(state).toMatchObject({ state: 'couldNotBeChecked', details: { code: 'AF10001' } })
    if (state.state === 'couldNotBeChecked') expect(state.reason).toContain('ActivityFeed.Read')
  })

  it('could not check it, rather than calling it off, during an outage', async () => {
    sandbox.scenario.setAuditLog(false)
    sandbox.scenario.setOutage('management')
    expect(await probe()).toEqual({
      state: 'couldNotBeChecked',
      reason: 'The Office 365 Management Activity API did not answer just now. Try again in a few minutes.',
      details: { code: 'AF50000', at: expect.any(String) as unknown }
    })
  })

  it('could not check it while throttled (AF429)', async () => {
    sandbox.scenario.throttle('management', 30)
    expect(await probe()).toMatchObject({ state: 'couldNotBeChecked', details: { code: 'AF429' } })
  })

  it('could not check it when the tenant in the address is not the token’s (AF20010), an error that is not "off"', async () => {
    expect(await probe({ tenantId: sandboxIds.fabrikamTenantId })).toMatchObject({ state: 'couldNotBeChecked', details: { code: 'AF20010' } })
  })

  it('could not check it without a network', async () => {
    const state = await probe({ managementEndpoint: `http://127.0.0.1:${await closedPort()}/` })
    expect(state).toMatchObject({
      state: 'couldNotBeChecked',
      reason: 'The console could not reach the Office 365 Management Activity API.',
      details: { code: 'ECONNREFUSED' }
    })
  })

  it('could not check it when no token could be had, and sends nothing', async () => {
    const state = await probeAuditLog({
      managementEndpoint: `http://127.0.0.1:${await closedPort()}/`,
      tenantId: sandbox.tenantId,
      accessToken: () => Promise.reject(Object.assign(new Error('no token'), { code: 'interactionRequired' }))
    })
    expect(state).toMatchObject({ state: 'couldNotBeChecked', details: { code: 'interactionRequired' } })
  })

  it('could not check it when a "Tenant … does not exist" answer names another tenant', async () => {
    // An answer the sandbox never gives, served by hand: the same 400 and wording, but for a tenant
    // other than the one asked about, which the probe does not take as "off".
    const server = createHttpServer((_request, response) => {
      response.writeHead(400, { 'Content-Type': 'application/json' })
      response.end(
        JSON.stringify({
          error: {
            code: `ListSubscriptions [CorrId=8c2f0e3a-1d4b-4a8e-9f6c-2b7d5e1a3c90][TenantId=${sandboxIds.fabrikamTenantId},ApplicationId=${sandbox.clientId},PublisherId=00000000-0000-0000-0000-000000000000][AppId`,
            message: `${sandbox.clientId.slice(1)}] failed. Exception: Microsoft.Office.Compliance.Audit.DataServiceException: Tenant ${sandboxIds.fabrikamTenantId} does not exist.`
          }
        })
      )
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const address = server.address()
      if (typeof address !== 'object' || address === null) throw new Error('no port')
      const state = await probeAuditLog({
        managementEndpoint: `http://127.0.0.1:${address.port}/`,
        tenantId: sandbox.tenantId,
        accessToken: () => Promise.resolve('token')
      })
      expect(state.state).toBe('couldNotBeChecked')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
