import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/main/logger.ts'
import { MicrosoftCloudSession } from '../../src/main/microsoft-365/microsoft-cloud-session.ts'
import { microsoftCloudDefaults, type MicrosoftCloudSetting } from '../../src/main/microsoft-cloud/microsoft-cloud-config.ts'
import type { MicrosoftCloud } from '../../src/main/microsoft-cloud/microsoft-cloud.ts'
import { memorySecretStore } from '../support/console-host.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const clientId = '5d3f1c2a-8e47-4b6a-9c1d-2f7e8a9b0c3d'

/** A loopback sign-in service that answers its discovery document, on a port that a test may leave closed first. */
async function discoveryService(port = 0): Promise<Server> {
  const server = createServer((_request, response) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify({ authorization_endpoint: `${base}authorize`, token_endpoint: `${base}token`, issuer: `${base}v2.0` }))
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return server
}

async function freePort(): Promise<number> {
  const server = await discoveryService()
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * The cloud session with a loopback login endpoint (the sandbox, or M365_* on loopback in
 * development): MSAL is set up from its discovery document, which goes unanswered with no network.
 */
describe('the Microsoft cloud session', () => {
  let dir: ReturnType<typeof makeTempDir>
  let server: Server | undefined
  let opened: MicrosoftCloudSetting[]
  let closed: number
  beforeEach(() => {
    dir = makeTempDir('cloud-session')
    opened = []
    closed = 0
  })
  afterEach(async () => {
    if (server) await new Promise((resolve) => server?.close(resolve))
    server = undefined
    dir.remove()
  })

  const session = (loginEndpoint: string) =>
    new MicrosoftCloudSession({
      dataDir: dir.path,
      secrets: memorySecretStore(),
      openBrowser: () => Promise.resolve(),
      logger: silentLogger,
      onSessionOnly: () => {},
      openCloud: (setting): Promise<MicrosoftCloud> => {
        opened.push(setting)
        return Promise.resolve({
          kind: 'tenant',
          clientId,
          endpoints: { ...microsoftCloudDefaults, loginEndpoint },
          sandbox: undefined,
          close: () => {
            closed += 1
            return Promise.resolve()
          }
        })
      }
    })

  it('opens a cloud that failed to open again when it is next asked for, once its sign-in service answers', async () => {
    const port = await freePort()
    const setting: MicrosoftCloudSetting = { kind: 'tenant', clientId, endpoints: { ...microsoftCloudDefaults, loginEndpoint: `http://127.0.0.1:${port}/` } }
    const cloud = session(`http://127.0.0.1:${port}/`)
    await expect(cloud.open(setting)).rejects.toThrow()
    // The one it opened is closed again, so a sandbox started for it would not keep its port.
    expect(closed).toBe(1)
    await expect(cloud.current()).rejects.toThrow()
    expect(opened).toEqual([setting, setting])

    server = await discoveryService(port)
    const [first, second] = await Promise.all([cloud.current(), cloud.current()])
    expect(first).toMatchObject({ kind: 'tenant', clientId })
    expect(second).toBe(first)
    expect(opened).toHaveLength(3)
    // Opened now: asking again reuses it.
    expect(await cloud.current()).toBe(first)
    expect(opened).toHaveLength(3)
    await cloud.close()
  })

  it('opens nothing again once closed, for quit', async () => {
    const port = await freePort()
    const cloud = session(`http://127.0.0.1:${port}/`)
    await expect(cloud.open({ kind: 'builtInSandbox' })).rejects.toThrow()
    await cloud.close()
    await expect(cloud.current()).rejects.toThrow()
    expect(opened).toHaveLength(1)
  })
})
