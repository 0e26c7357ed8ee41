import { describe, expect, it } from 'vitest'
import { correlationIdOf, isTenantNotProvisioned } from '../../src/main/microsoft-365/audit-log/tenant-not-provisioned.ts'
import { tenantNotProvisioned } from '../../src/sandbox-tenant/management/tenant-not-provisioned.ts'
import { readFixtureJson, readFixtureText } from '../support/microsoft-fixtures.ts'

const tenantId = '7f2c9e14-3b8a-4d6f-a1e5-9c0b2d4f6a81'
const appId = '5d3f1c2a-8e47-4b6a-9c1d-2f7e8a9b0c3d'

function sandboxAnswer(name: 'ListSubscriptions' | 'StartSubscription', tenant = tenantId): { status: number; body: unknown } {
  const answer = tenantNotProvisioned({ name, tenantId: tenant, applicationId: appId, publisherId: tenant, contentType: null })
  return { status: answer.status, body: JSON.parse(String(answer.body)) as unknown }
}

describe('isTenantNotProvisioned', () => {
  it('recognises the "Tenant … does not exist" answer for list and for start', () => {
    for (const name of ['ListSubscriptions', 'StartSubscription'] as const) {
      const { status, body } = sandboxAnswer(name)
      expect(isTenantNotProvisioned(status, body, tenantId), name).toBe(true)
      expect(isTenantNotProvisioned(status, body, tenantId.toUpperCase()), name).toBe(true)
    }
  })

  it('carries the troubleshooting guide’s exception sentence', () => {
    const sentence = readFixtureText('o365mgmt.troubleshooting.tenant-does-not-exist.txt').trim().replace('<tenantID>', tenantId)
    const { body } = sandboxAnswer('ListSubscriptions')
    expect(JSON.stringify(body)).toContain(sentence)
  })

  it('does not take the same answer about another tenant, or with another status', () => {
    const { status, body } = sandboxAnswer('ListSubscriptions', '2b6e8d40-1f3c-4a5e-b7d9-6c8a0e2f4b13')
    expect(isTenantNotProvisioned(status, body, tenantId)).toBe(false)
    expect(isTenantNotProvisioned(500, sandboxAnswer('ListSubscriptions').body, tenantId)).toBe(false)
  })

  it('does not take an operation failure whose exception is another one', () => {
    const body = sandboxAnswer('ListSubscriptions').body as { error: { code: string; message: string } }
    const other = { error: { code: body.error.code, message: body.error.message.replace(/Tenant .* does not exist\./, 'Timeout expired.') } }
    expect(isTenantNotProvisioned(400, other, tenantId)).toBe(false)
  })

  it('does not take any documented AF error, nor a body that is not an error', () => {
    const codes = readFixtureJson('o365mgmt.error-codes.json') as Record<string, { message: string }>
    for (const [code, { message }] of Object.entries(codes)) {
      expect(isTenantNotProvisioned(400, { error: { code, message: message.replace('{0}', tenantId) } }, tenantId), code).toBe(false)
    }
    expect(isTenantNotProvisioned(400, [], tenantId)).toBe(false)
    expect(isTenantNotProvisioned(400, undefined, tenantId)).toBe(false)
  })
})

describe('correlationIdOf', () => {
  it('reads the CorrId of such a code', () => {
    const code = `ListSubscriptions [CorrId=8c2f0e3a-1d4b-4a8e-9f6c-2b7d5e1a3c90][TenantId=${tenantId},ApplicationId=${appId}][AppId`
    expect(correlationIdOf(code)).toBe('8c2f0e3a-1d4b-4a8e-9f6c-2b7d5e1a3c90')
    expect(correlationIdOf('AF50000')).toBeUndefined()
  })
})
