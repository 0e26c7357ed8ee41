import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox-tenant/sandbox-tenant-server.ts'
import { jsonShape, readFixtureJson, readFixtureText } from '../../support/microsoft-fixtures.ts'

let sandbox: SandboxTenant
const megan = 'MeganB@contoso.onmicrosoft.com'

function feed(operation: string, init: RequestInit = {}, scopes = ['ActivityFeed.Read']): Promise<Response> {
  const token = sandbox.issueAccessToken({ userPrincipalName: megan, resource: 'management', scopes })
  return fetch(`${sandbox.baseUrl}api/v1.0/${sandbox.tenantId}/activity/feed/${operation}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...init.headers }
  })
}

/** The webhook body of o365mgmt.subscriptions.start.request.txt: the JSON after the blank line. */
function documentedStartBody(): string {
  return readFixtureText('o365mgmt.subscriptions.start.request.txt').split(/\r?\n\r?\n/).slice(1).join('\n')
}

beforeAll(async () => {
  sandbox = await startSandboxTenant()
})
afterEach(() => sandbox.scenario.reset())
afterAll(() => sandbox.close())

describe('Management Activity API answers held against the Activity API reference', () => {
  it('subscriptions/start with the documented request answers like o365mgmt.subscriptions.start.json', async () => {
    const request = readFixtureText('o365mgmt.subscriptions.start.request.txt')
    const query = /^POST \{root\}\/(subscriptions\/start\?\S+)/m.exec(request)?.[1] ?? ''
    const response = await feed(query, { method: 'POST', headers: { 'Content-Type': 'application/json; utf-8' }, body: documentedStartBody() })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const body = await response.json()
    expect(jsonShape(body)).toEqual(jsonShape(readFixtureJson('o365mgmt.subscriptions.start.json')))
    // The documented request sends `"expiration": ""`; the documented answer reads null.
    expect(body).toEqual(readFixtureJson('o365mgmt.subscriptions.start.json'))
  })

  it('subscriptions/list answers a JSON array of the entries in o365mgmt.subscriptions.list.json', async () => {
    await feed('subscriptions/start?contentType=Audit.SharePoint', { method: 'POST', body: documentedStartBody() })
    await feed('subscriptions/start?contentType=Audit.Exchange', { method: 'POST' })
    const listed = (await (await feed('subscriptions/list')).json()) as unknown[]
    const example = readFixtureJson('o365mgmt.subscriptions.list.json') as Array<Record<string, unknown>>
    expect(jsonShape(listed[0])).toEqual(jsonShape(example[0]))
    // Deliberate: the reference's second entry has no `status` (an elision in the doc); the PowerShell
    // transcript o365mgmt.troubleshooting.subscriptions.list.powershell.txt shows it present on webhook-less entries.
    expect(listed[1]).toEqual({ ...example[1], status: 'enabled' })
    expect(readFixtureText('o365mgmt.troubleshooting.subscriptions.list.powershell.txt')).toContain('{"contentType":"Audit.Exchange","status":"enabled","webhook":null}')
  })

  it('errors carry {"error":{"code":"AFnnnnn","message":…}} with the messages of o365mgmt.error-codes.json', async () => {
    const codes = readFixtureJson('o365mgmt.error-codes.json') as Record<string, { message: string }>
    const invalid = await feed('subscriptions/start?contentType=Audit.Nothing', { method: 'POST' })
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toEqual({ error: { code: 'AF20020', message: codes.AF20020?.message } })
    const notGuid = await fetch(`${sandbox.baseUrl}api/v1.0/contoso.onmicrosoft.com/activity/feed/subscriptions/list`)
    expect(await notGuid.json()).toEqual({
      error: { code: 'AF20013', message: codes.AF20013?.message.replace('{0}', 'contoso.onmicrosoft.com') }
    })
    const missingScope = await feed('subscriptions/list', {}, ['ServiceHealth.Read'])
    expect(missingScope.status).toBe(401)
    const body = (await missingScope.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('AF10001')
    // Deliberate: the live service says "does not include" where the table says "did not include", and
    // names no permission; the sandbox follows the live wording quoted in public reports.
    expect(body.error.message).toBe('The permission set (ServiceHealth.Read) sent in the request does not include the expected permission.')
  })

  it('an outage answers 503 with the body of o365mgmt.error.AF50000.json', async () => {
    sandbox.scenario.setOutage('management', 1)
    const response = await feed('subscriptions/list')
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual(readFixtureJson('o365mgmt.error.AF50000.json'))
  })

  it('throttling answers 429 with Retry-After and the AF429 message of o365mgmt.error-codes.json', async () => {
    const codes = readFixtureJson('o365mgmt.error-codes.json') as Record<string, { message: string }>
    sandbox.scenario.throttle('management', 2, 1)
    const response = await feed('subscriptions/list?PublisherIdentifier=46b472a7-c68e-4adf-8ade-3db49497518e')
    // Deliberate: o365mgmt.troubleshooting.AF429-403.txt shows AF429 with status 403 for content blobs;
    // for throttling the sandbox answers the HTTP status throttling uses, 429, so retry logic sees it.
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(await response.json()).toEqual({
      error: { code: 'AF429', message: codes.AF429?.message.replace('{0}', 'ListSubscriptions').replace('{1}', '46b472a7-c68e-4adf-8ade-3db49497518e') }
    })
  })

  it('with audit logging off, answers the "Tenant <tenantID> does not exist" of o365mgmt.troubleshooting.tenant-does-not-exist.txt', async () => {
    sandbox.scenario.setAuditLog(false)
    const response = await feed('subscriptions/start?contentType=Audit.General', { method: 'POST' })
    expect(response.status).toBe(400)
    const { error } = (await response.json()) as { error: { code: string; message: string } }
    const documented = readFixtureText('o365mgmt.troubleshooting.tenant-does-not-exist.txt').trim().replace('<tenantID>', sandbox.tenantId)
    expect(error.message.endsWith(documented)).toBe(true)
    expect(error.code).toMatch(new RegExp(`^StartSubscription \\[CorrId=[0-9a-f-]{36}\\]\\[TenantId=${sandbox.tenantId},ContentType=Audit.General,`))
  })
})
