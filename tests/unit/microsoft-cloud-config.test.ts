import { describe, expect, it } from 'vitest'
import { readConsoleConfig } from '../../src/main/console-config.ts'
import {
  chooseMicrosoftCloud,
  MicrosoftCloudConfigError,
  microsoftCloudDefaults,
  readMicrosoftCloudSetting
} from '../../src/main/microsoft-cloud/microsoft-cloud-config.ts'
import { openMicrosoftCloud } from '../../src/main/microsoft-cloud/microsoft-cloud.ts'

const clientId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'

describe('choosing the Microsoft 365 cloud from the environment', () => {
  it('uses the built-in sandbox tenant when no client ID is set', () => {
    expect(readMicrosoftCloudSetting({})).toBeUndefined()
    expect(chooseMicrosoftCloud({ env: { M365_CLIENT_ID: '  ' }, mayUseBuiltInSandbox: true })).toEqual({ kind: 'builtInSandbox' })
    expect(readConsoleConfig({ env: {}, defaultDataDir: '/data', mayUseBuiltInSandbox: true }).microsoftCloud.kind).toBe('builtInSandbox')
  })

  it('never falls back to the sandbox in an installed build: it waits for a client ID', () => {
    expect(chooseMicrosoftCloud({ env: {}, mayUseBuiltInSandbox: false })).toEqual({ kind: 'unconfigured' })
  })

  it('takes the environment first, then Settings, then the client ID baked in at build time', () => {
    const saved = { kind: 'tenant' as const, clientId: '11111111-2222-4333-8444-555555555555', endpoints: microsoftCloudDefaults }
    const baked = '99999999-8888-4777-8666-555555555555'
    expect(chooseMicrosoftCloud({ env: { M365_CLIENT_ID: clientId }, settings: saved, builtInClientId: baked, mayUseBuiltInSandbox: false })).toMatchObject({ clientId })
    expect(chooseMicrosoftCloud({ env: {}, settings: saved, builtInClientId: baked, mayUseBuiltInSandbox: false })).toEqual(saved)
    expect(chooseMicrosoftCloud({ env: {}, builtInClientId: baked.toUpperCase(), mayUseBuiltInSandbox: false })).toEqual({
      kind: 'tenant',
      clientId: baked,
      endpoints: microsoftCloudDefaults
    })
    expect(() => chooseMicrosoftCloud({ env: {}, builtInClientId: 'not-a-guid', mayUseBuiltInSandbox: false })).toThrow(MicrosoftCloudConfigError)
  })

  it("uses Microsoft's public cloud by default once a client ID is set", () => {
    expect(readMicrosoftCloudSetting({ M365_CLIENT_ID: clientId.toUpperCase() })).toEqual({
      kind: 'tenant',
      clientId,
      endpoints: microsoftCloudDefaults
    })
  })

  it('names a national cloud\'s resources after its https endpoints, so its tokens carry that cloud\'s scopes', () => {
    const setting = readMicrosoftCloudSetting({
      M365_CLIENT_ID: clientId,
      M365_LOGIN_ENDPOINT: 'https://login.microsoftonline.us',
      M365_GRAPH_ENDPOINT: 'https://graph.microsoft.us',
      M365_MANAGEMENT_ENDPOINT: 'https://manage.office365.us'
    })
    expect(setting).toMatchObject({ endpoints: { graphResource: 'https://graph.microsoft.us', managementResource: 'https://manage.office365.us' } })
  })

  it('takes each endpoint override, and http only on a loopback address', () => {
    const setting = readMicrosoftCloudSetting({
      M365_CLIENT_ID: clientId,
      M365_LOGIN_ENDPOINT: 'https://login.microsoftonline.us',
      M365_GRAPH_ENDPOINT: 'http://127.0.0.1:4999/',
      M365_MANAGEMENT_ENDPOINT: 'http://localhost:4999'
    })
    expect(setting).toEqual({
      kind: 'tenant',
      clientId,
      endpoints: {
        loginEndpoint: 'https://login.microsoftonline.us/',
        graphEndpoint: 'http://127.0.0.1:4999/',
        managementEndpoint: 'http://localhost:4999/',
        // Loopback endpoints stand in for the global cloud, whose resource names tokens carry.
        graphResource: 'https://graph.microsoft.com',
        managementResource: 'https://manage.office.com'
      }
    })
  })

  it.each([
    [{ M365_CLIENT_ID: 'my-app' }, /M365_CLIENT_ID must be the Application \(client\) ID/],
    [{ M365_CLIENT_ID: clientId, M365_GRAPH_ENDPOINT: 'http://graph.example.com/' }, /M365_GRAPH_ENDPOINT may use http:\/\/ only on a loopback/],
    [{ M365_CLIENT_ID: clientId, M365_LOGIN_ENDPOINT: 'login.microsoftonline.com' }, /M365_LOGIN_ENDPOINT must be a URL/],
    [{ M365_CLIENT_ID: clientId, M365_MANAGEMENT_ENDPOINT: 'ftp://127.0.0.1/' }, /must be an https:\/\/ URL/],
    [{ M365_CLIENT_ID: clientId, M365_GRAPH_ENDPOINT: 'https://user:secret@graph.microsoft.com/' }, /must not carry a user name/]
  ])('refuses %o with a message that says how to fix it', (env, message) => {
    expect(() => readMicrosoftCloudSetting(env)).toThrow(MicrosoftCloudConfigError)
    expect(() => readMicrosoftCloudSetting(env)).toThrow(message)
  })
})

describe('opening the Microsoft 365 cloud', () => {
  it('starts the built-in sandbox tenant and points every endpoint at it', async () => {
    const cloud = await openMicrosoftCloud({ kind: 'builtInSandbox' })
    try {
      expect(cloud.sandbox).toBeDefined()
      if (cloud.kind === 'unconfigured') throw new Error('expected the sandbox')
      expect(cloud.clientId).toBe(cloud.sandbox?.clientId)
      expect(cloud.endpoints.graphEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      const { loginEndpoint, graphEndpoint, managementEndpoint } = cloud.endpoints
      expect(new Set([loginEndpoint, graphEndpoint, managementEndpoint]).size).toBe(1)
      // Its tokens name the global resources, as Entra's would.
      expect(cloud.endpoints).toMatchObject({ graphResource: 'https://graph.microsoft.com', managementResource: 'https://manage.office.com' })
      const snapshot = await fetch(new URL('_sandbox/scenario', cloud.endpoints.loginEndpoint))
      expect(snapshot.status).toBe(200)
    } finally {
      await cloud.close()
    }
  })

  it('starts nothing for a configured tenant', async () => {
    const cloud = await openMicrosoftCloud({ kind: 'tenant', clientId, endpoints: microsoftCloudDefaults })
    expect(cloud.sandbox).toBeUndefined()
    expect(cloud).toMatchObject({ kind: 'tenant', endpoints: microsoftCloudDefaults })
  })

  it('starts nothing when no client ID is configured yet', async () => {
    const cloud = await openMicrosoftCloud({ kind: 'unconfigured' })
    expect(cloud).toMatchObject({ kind: 'unconfigured', sandbox: undefined })
  })
})
