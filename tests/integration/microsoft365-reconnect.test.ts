import { describe, expect, it, vi } from 'vitest'
import type { ConnectionState } from '../../src/shared/cloud-applications.ts'
import type { Microsoft365Status } from '../../src/shared/heartbeat.ts'
import { useConnectFixture } from '../support/connect-fixture.ts'
import type { ConnectHarness } from '../support/connect-harness.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
const alex = 'AlexW@fabrikam.onmicrosoft.com'

/**
 * Reconnect required → reconnect, through the composition root with every piece real: the heartbeat
 * and its scheduler, msal-node's loopback sign-in with Chromium as the system browser, Graph and keytar.
 */
describe('reconnecting Microsoft 365 after Reconnect required', () => {
  const fixture = useConnectFixture('m365-reconnect')

  const connection = async (harness: ConnectHarness): Promise<ConnectionState | undefined> =>
    (await harness.services.handlers.listCloudApplications()).value[0]?.connection
  const status = async (harness: ConnectHarness): Promise<Microsoft365Status> => (await harness.services.handlers.getMicrosoft365Status()).value

  async function throughStep1(harness: ConnectHarness, account: string) {
    const started = await harness.services.handlers.startMicrosoft365Connect()
    expect(started.value.step).toBe('waitingForBrowser')
    expect(await harness.browse({ account })).toBe('returned-to-app')
    return harness.flowWhere((flow) => flow.step === 'auditLog' || flow.step === 'failed')
  }

  /** Connected through CONFIRM, with the heartbeat that follows a connect finished. */
  async function connected(): Promise<ConnectHarness> {
    const harness = fixture.open()
    expect(await throughStep1(harness, megan)).toMatchObject({ step: 'auditLog' })
    await harness.services.handlers.confirmMicrosoft365Connect()
    await vi.waitFor(
      async () => {
        const now = await status(harness)
        expect(now.recentHeartbeats.length).toBeGreaterThan(0)
        expect(now.checking).toBe(false)
      },
      { timeout: 15_000 }
    )
    expect((await connection(harness))?.status).toBe('connected')
    return harness
  }

  /** Consent revoked in the tenant, and a heartbeat that has seen it. */
  async function reconnectRequired(): Promise<{ harness: ConnectHarness; before: ConnectionState }> {
    const harness = await connected()
    fixture.sandbox.scenario.revokeConsent()
    await harness.services.handlers.checkMicrosoft365Now()
    const before = await connection(harness)
    expect(before?.status).toBe('reconnectRequired')
    if (!before) throw new Error('expected a stored connection')
    return { harness, before }
  }

  it('revoked consent → heartbeat → Reconnect required → CONNECT and CONFIRM → Connected, keeping connectedAt and the heartbeats', async () => {
    const { harness, before } = await reconnectRequired()
    if (before.status === 'notConnected') throw new Error('expected a stored connection')
    const heartbeatsBefore = (await status(harness)).recentHeartbeats
    expect(heartbeatsBefore.map((record) => record.outcome)).toEqual(['reconnectRequired', 'connected'])
    expect((await harness.services.handlers.getSettings()).value.editable).toBe(false)

    // Entra shows the permissions page again, since nothing is granted any more; the admin accepts for the organisation.
    expect(await throughStep1(harness, megan)).toMatchObject({ step: 'auditLog', tenant: { id: fixture.sandbox.tenantId }, account: megan })
    // Until CONFIRM, the stored record stays as it was, and Settings stay locked.
    expect(await connection(harness)).toEqual(before)
    expect((await harness.services.handlers.getSettings()).value.editable).toBe(false)

    expect((await harness.services.handlers.confirmMicrosoft365Connect()).value).toEqual({ step: 'idle' })
    const after = await connection(harness)
    expect(after).toMatchObject({
      status: 'connected',
      tenant: { id: fixture.sandbox.tenantId, name: 'Contoso' },
      account: megan,
      connectedAt: before.connectedAt,
      grantedPermissions: expect.arrayContaining(['Directory.Read.All', 'ActivityFeed.Read']) as unknown
    })
    if (after?.status !== 'connected') throw new Error('expected Connected')
    expect(Date.parse(after.lastHeartbeatAt ?? '')).toBeGreaterThan(Date.parse(before.lastHeartbeatAt ?? ''))
    expect((await status(harness)).recentHeartbeats.slice(-heartbeatsBefore.length)).toEqual(heartbeatsBefore)
    expect((await harness.services.handlers.listActivity()).value.map((entry) => [entry.kind, entry.summary])).toEqual([
      ['reconnected', `Reconnected by ${megan}`],
      ['connected', `Connected by ${megan}`]
    ])
    expect((await harness.services.handlers.getSettings()).value.editable).toBe(false)

    // The renewed sign-in works: the next heartbeat finds the connection Connected.
    await harness.services.handlers.checkMicrosoft365Now()
    expect((await status(harness)).recentHeartbeats[0]).toMatchObject({ outcome: 'connected' })
    expect(await connection(harness)).toMatchObject({ status: 'connected', connectedAt: before.connectedAt })
  })

  it('refuses a reconnect signed in to another tenant, naming both, and leaves the stored record as it was', async () => {
    const { harness, before } = await reconnectRequired()
    const failed = await throughStep1(harness, alex)
    expect(failed).toMatchObject({ step: 'failed', failure: { kind: 'signIn' } })
    if (failed.step !== 'failed') throw new Error('expected a failure')
    expect(failed.failure.title).toContain('Fabrikam')
    expect(failed.failure.title).toContain('Contoso')
    expect(failed.failure.fix).toMatch(/account of Contoso/)
    expect(failed.failure.fix).toMatch(/disconnect Microsoft 365 first/)
    expect(await connection(harness)).toEqual(before)
    expect((await harness.services.handlers.listActivity()).value.map((entry) => entry.kind)).toEqual(['connected'])
  })

  it('leaves the stored record as it was when the reconnect is cancelled, and still allows the next one', async () => {
    const { harness, before } = await reconnectRequired()
    await harness.services.handlers.startMicrosoft365Connect()
    await harness.nextBrowserUrl()
    expect((await harness.services.handlers.cancelMicrosoft365Connect()).value).toEqual({ step: 'idle' })
    expect(await connection(harness)).toEqual(before)

    // Step 2 cancelled too: nothing changes until CONFIRM.
    expect(await throughStep1(harness, megan)).toMatchObject({ step: 'auditLog' })
    await harness.services.handlers.cancelMicrosoft365Connect()
    expect(await connection(harness)).toEqual(before)
    expect((await harness.services.handlers.listActivity()).value.map((entry) => entry.kind)).toEqual(['connected'])
  })

  it('refuses CONFIRM when the connection was disconnected during the reconnect, and stores nothing', async () => {
    const { harness } = await reconnectRequired()
    expect(await throughStep1(harness, megan)).toMatchObject({ step: 'auditLog' })
    expect(await harness.services.handlers.disconnectMicrosoft365({ removePermissions: false })).toEqual({ permissions: 'kept' })
    await expect(harness.services.handlers.confirmMicrosoft365Connect()).rejects.toMatchObject({
      code: 'notConnected',
      message: expect.stringMatching(/disconnected while you were reconnecting/) as unknown
    })
    expect(await connection(harness)).toEqual({ status: 'notConnected' })
    expect((await harness.services.handlers.getMicrosoft365ConnectFlow()).value).toEqual({ step: 'idle' })
    expect((await harness.services.handlers.listActivity()).value.map((entry) => entry.kind)).toEqual(['disconnected', 'connected'])
  })

  it('keeps refusing CONNECT while the stored connection is not Reconnect required', async () => {
    const harness = await connected()
    fixture.sandbox.scenario.removeGrantedPermission('https://manage.office.com/ActivityFeed.Read')
    await harness.services.handlers.checkMicrosoft365Now()
    expect((await connection(harness))?.status).toBe('additionalSetupRequired')
    await expect(harness.services.handlers.startMicrosoft365Connect()).rejects.toMatchObject({
      code: 'alreadyConnected',
      message: expect.stringContaining('Contoso') as unknown
    })
  })
})
