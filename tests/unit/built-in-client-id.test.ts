import { afterEach, describe, expect, it, vi } from 'vitest'
import { builtInClientId, parseBuiltInClientId } from '../../src/main/built-in-client-id.ts'

const clientId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'

describe('the publisher’s client ID baked in at build time', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('accepts a GUID, trimmed and lowercased', () => {
    expect(parseBuiltInClientId(clientId)).toBe(clientId)
    expect(parseBuiltInClientId(`  ${clientId.toUpperCase()}\n`)).toBe(clientId)
  })

  it('treats no value, an empty one and anything but a GUID as none, so the build asks in Settings', () => {
    for (const value of [undefined, null, '', '   ', 42, 'not-a-guid', `{${clientId}}`, `${clientId}0`, clientId.replaceAll('-', ''), `${clientId} ${clientId}`]) {
      expect(parseBuiltInClientId(value), String(value)).toBeUndefined()
    }
  })

  it('reads MAIN_VITE_M365_BUILT_IN_CLIENT_ID from the build’s import.meta.env', () => {
    vi.stubEnv('MAIN_VITE_M365_BUILT_IN_CLIENT_ID', clientId.toUpperCase())
    expect(builtInClientId()).toBe(clientId)
  })

  it('is undefined when the build set none, or set a malformed one', () => {
    vi.stubEnv('MAIN_VITE_M365_BUILT_IN_CLIENT_ID', undefined)
    expect(builtInClientId()).toBeUndefined()
    vi.stubEnv('MAIN_VITE_M365_BUILT_IN_CLIENT_ID', 'contoso')
    expect(builtInClientId()).toBeUndefined()
  })
})
