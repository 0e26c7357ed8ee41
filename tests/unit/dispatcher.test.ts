import { describe, expect, it, vi } from 'vitest'
import type { ConsoleHandlers } from '../../src/main/ipc/console-handlers.ts'
import { ConsoleUserError } from '../../src/main/console-user-error.ts'
import { createDispatcher } from '../../src/main/ipc/dispatcher.ts'
import { createSenderPolicy } from '../../src/main/ipc/sender-policy.ts'
import { createConsoleLogger, silentLogger } from '../../src/main/logger.ts'
import { stubHandlers } from '../support/stub-handlers.ts'

const trustedUrl = 'http://127.0.0.1:5173/'

function handlers(overrides: Partial<ConsoleHandlers> = {}): ConsoleHandlers {
  return stubHandlers({
    listCloudApplications: () => ({ revision: 3, value: [{ id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' } }] }),
    listNotices: () => ({ revision: 0, value: [] }),
    dismissNotice: () => ({ revision: 0, value: [] }),
    ...overrides
  })
}

const dispatcherWith = (overrides: Partial<ConsoleHandlers> = {}, logger = silentLogger) =>
  createDispatcher(handlers(overrides), createSenderPolicy({ devServerUrl: trustedUrl }), logger)

describe('main’s call dispatcher', () => {
  it('answers a valid call from the console page', async () => {
    const outcome = await dispatcherWith()('listCloudApplications', [], { url: trustedUrl })
    expect(outcome).toEqual({
      ok: true,
      value: { revision: 3, value: [{ id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' } }] }
    })
  })

  it('refuses arguments that fail the contract’s schema, without calling the handler', async () => {
    const dismissNotice = vi.fn(() => ({ revision: 0, value: [] }))
    const dispatch = dispatcherWith({ dismissNotice })
    for (const args of [[], [42], ['a', 'b'], 'not a list', [''], null]) {
      const outcome = await dispatch('dismissNotice', args, { url: trustedUrl })
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalidArguments' } })
    }
    expect(dismissNotice).not.toHaveBeenCalled()
  })

  it('refuses a call from an unknown sender, without calling the handler', async () => {
    const listCloudApplications = vi.fn(() => ({ revision: 0, value: [] }))
    const dispatch = dispatcherWith({ listCloudApplications })
    for (const url of ['https://evil.example/', 'http://127.0.0.1:9999/', 'file:///tmp/other.html', null]) {
      const outcome = await dispatch('listCloudApplications', [], { url })
      expect(outcome).toEqual({ ok: false, error: { code: 'untrustedSender', message: expect.stringMatching(/not allowed/) as unknown } })
    }
    expect(listCloudApplications).not.toHaveBeenCalled()
  })

  it('refuses a method the contract does not name', async () => {
    const outcome = await dispatcherWith()('toString', [], { url: trustedUrl })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unknownMethod' } })
  })

  it('keeps an unexpected error’s text from the page, says something generic, and logs the whole error', async () => {
    const raw = "EACCES: permission denied, open '/home/alex/.config/console/tenants/8f0c3a52-1d4e-4b7a-9d65-0f3e2b1c7a90/cache.bin'"
    const lines: string[] = []
    const dispatch = dispatcherWith({ listNotices: () => Promise.reject(new Error(raw)) }, createConsoleLogger((line) => lines.push(line)))
    const outcome = await dispatch('listNotices', [], { url: trustedUrl })
    expect(outcome).toEqual({ ok: false, error: { code: 'failed', message: expect.stringMatching(/could not complete the request/) as unknown } })
    expect(JSON.stringify(outcome)).not.toMatch(/home|8f0c3a52|EACCES/)
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'error', message: 'listNotices failed', fields: { error: { message: raw } } })
  })

  it('passes an error meant for people through with its code and words', async () => {
    const cause = new Error("ENOSPC: no space left on device, write '/home/alex/.config/console/console-state.json'")
    const dispatch = dispatcherWith({
      dismissNotice: () => Promise.reject(new ConsoleUserError('stateNotSaved', 'The console could not save its data.', { cause }))
    })
    expect(await dispatch('dismissNotice', ['n1'], { url: trustedUrl })).toEqual({
      ok: false,
      error: { code: 'stateNotSaved', message: 'The console could not save its data.' }
    })
  })

  it('does not pass a result that breaks the contract to the page', async () => {
    const dispatch = dispatcherWith({ listNotices: () => ({ revision: -1, value: [] }) })
    expect(await dispatch('listNotices', [], { url: trustedUrl })).toMatchObject({ ok: false, error: { code: 'failed' } })
  })

  it('drops fields the contract does not name from a result, so nothing internal reaches the page', async () => {
    const leaky = { id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' }, accessToken: 'eyJ.secret' }
    const dispatch = dispatcherWith({ listCloudApplications: () => ({ revision: 0, value: [leaky as never] }) })
    const outcome = await dispatch('listCloudApplications', [], { url: trustedUrl })
    expect(JSON.stringify(outcome)).not.toContain('secret')
  })
})
