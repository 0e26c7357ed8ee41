import { describe, expect, it, vi } from 'vitest'
import type { ConsoleHandlers } from '../../src/main/ipc/console-handlers.ts'
import { createDispatcher } from '../../src/main/ipc/dispatcher.ts'
import { createSenderPolicy } from '../../src/main/ipc/sender-policy.ts'
import { silentLogger } from '../../src/main/logger.ts'

const trustedUrl = 'http://127.0.0.1:5173/'

function handlers(overrides: Partial<ConsoleHandlers> = {}): ConsoleHandlers {
  return {
    listCloudApplications: () => [{ id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' } }],
    listNotices: () => [],
    dismissNotice: () => [],
    ...overrides
  }
}

const dispatcherWith = (overrides: Partial<ConsoleHandlers> = {}) =>
  createDispatcher(handlers(overrides), createSenderPolicy({ devServerUrl: trustedUrl }), silentLogger)

describe('main’s call dispatcher', () => {
  it('answers a valid call from the console page', async () => {
    const outcome = await dispatcherWith()('listCloudApplications', [], { url: trustedUrl })
    expect(outcome).toEqual({ ok: true, value: [{ id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' } }] })
  })

  it('refuses arguments that fail the contract’s schema, without calling the handler', async () => {
    const dismissNotice = vi.fn(() => [])
    const dispatch = dispatcherWith({ dismissNotice })
    for (const args of [[], [42], ['a', 'b'], 'not a list', [''], null]) {
      const outcome = await dispatch('dismissNotice', args, { url: trustedUrl })
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalidArguments' } })
    }
    expect(dismissNotice).not.toHaveBeenCalled()
  })

  it('refuses a call from an unknown sender, without calling the handler', async () => {
    const listCloudApplications = vi.fn(() => [])
    const dispatch = dispatcherWith({ listCloudApplications })
    for (const url of ['https://evil.example/', 'http://127.0.0.1:9999/', 'file:///tmp/other.html', null]) {
      const outcome = await dispatch('listCloudApplications', [], { url })
      expect(outcome).toEqual({ ok: false, error: { code: 'untrustedSender', message: expect.stringMatching(/not allowed/) } })
    }
    expect(listCloudApplications).not.toHaveBeenCalled()
  })

  it('refuses a method the contract does not name', async () => {
    const outcome = await dispatcherWith()('toString', [], { url: trustedUrl })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unknownMethod' } })
  })

  it('reports a handler’s failure as a clear error rather than throwing', async () => {
    const dispatch = dispatcherWith({ listNotices: () => Promise.reject(new Error('disk full')) })
    expect(await dispatch('listNotices', [], { url: trustedUrl })).toEqual({ ok: false, error: { code: 'failed', message: 'disk full' } })
  })

  it('drops fields the contract does not name from a result, so nothing internal reaches the page', async () => {
    const leaky = { id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' }, accessToken: 'eyJ.secret' }
    const dispatch = dispatcherWith({ listCloudApplications: () => [leaky as never] })
    const outcome = await dispatch('listCloudApplications', [], { url: trustedUrl })
    expect(JSON.stringify(outcome)).not.toContain('secret')
  })
})

describe('the sender policy', () => {
  const policy = createSenderPolicy({ rendererFile: '/opt/console/out/renderer/index.html' })

  it('trusts the packaged page and nothing else on disk', () => {
    expect(policy({ url: 'file:///opt/console/out/renderer/index.html' })).toBe(true)
    expect(policy({ url: 'file:///opt/console/out/renderer/index.html#/cloud' })).toBe(true)
    expect(policy({ url: 'file:///tmp/index.html' })).toBe(false)
    expect(policy({ url: 'http://127.0.0.1:5173/' })).toBe(false)
    expect(policy({ url: 'not a url' })).toBe(false)
  })

  it('trusts the dev server only by its exact origin', () => {
    const dev = createSenderPolicy({ devServerUrl: 'http://localhost:5173/' })
    expect(dev({ url: 'http://localhost:5173/index.html' })).toBe(true)
    expect(dev({ url: 'http://localhost:5174/' })).toBe(false)
    expect(dev({ url: 'https://localhost:5173/' })).toBe(false)
  })
})
