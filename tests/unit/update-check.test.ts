import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultUpdateCheckIntervalMs, startUpdateChecks, type Updater } from '../../src/main/updates/update-check.ts'
import { updateChecksEnabled } from '../../src/main/updates/update-checks-enabled.ts'

const hours = 60 * 60 * 1000

function fakeUpdater(answer: () => Promise<unknown> = () => Promise.resolve(null)) {
  const checkForUpdatesAndNotify = vi.fn(answer)
  return { updater: { checkForUpdatesAndNotify } satisfies Updater, checkForUpdatesAndNotify }
}

function fakeLogger() {
  return { info: vi.fn(), warn: vi.fn() }
}

describe('update checks', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('checks once at start and then every six hours', async () => {
    const { updater, checkForUpdatesAndNotify } = fakeUpdater()
    const stop = startUpdateChecks({ enabled: () => true, updater, logger: fakeLogger() })
    expect(defaultUpdateCheckIntervalMs).toBe(6 * hours)
    expect(checkForUpdatesAndNotify).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(6 * hours - 1)
    expect(checkForUpdatesAndNotify).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(checkForUpdatesAndNotify).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(12 * hours)
    expect(checkForUpdatesAndNotify).toHaveBeenCalledTimes(4)
    stop()
  })

  it('never checks when it is off', async () => {
    const { updater, checkForUpdatesAndNotify } = fakeUpdater()
    const logger = fakeLogger()
    const stop = startUpdateChecks({ enabled: () => false, updater, logger, intervalMs: 1000 })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(checkForUpdatesAndNotify).not.toHaveBeenCalled()
    expect(logger.info).toHaveBeenCalledWith('update checks are off')
    stop()
  })

  it('follows the switch at every check, so turning it on in Settings needs no restart', async () => {
    const { updater, checkForUpdatesAndNotify } = fakeUpdater()
    let on = false
    const stop = startUpdateChecks({ enabled: () => on, updater, logger: fakeLogger(), intervalMs: 1000 })
    await vi.advanceTimersByTimeAsync(2500)
    expect(checkForUpdatesAndNotify).not.toHaveBeenCalled()
    on = true
    await vi.advanceTimersByTimeAsync(1000)
    expect(checkForUpdatesAndNotify).toHaveBeenCalledOnce()
    stop()
  })

  it('only logs a failed check, and keeps checking (an offline console does not complain)', async () => {
    const offline = new Error('net::ERR_INTERNET_DISCONNECTED')
    const { updater, checkForUpdatesAndNotify } = fakeUpdater(() => Promise.reject(offline))
    const logger = fakeLogger()
    const stop = startUpdateChecks({ enabled: () => true, updater, logger, intervalMs: 1000 })
    await vi.advanceTimersByTimeAsync(0)
    expect(logger.warn).toHaveBeenCalledWith('the update check failed', { error: offline })
    await vi.advanceTimersByTimeAsync(1000)
    expect(checkForUpdatesAndNotify).toHaveBeenCalledTimes(2)
    expect(logger.warn).toHaveBeenCalledTimes(2)
    stop()
  })

  it('survives an updater that throws instead of rejecting', async () => {
    const logger = fakeLogger()
    const updater: Updater = {
      checkForUpdatesAndNotify: () => {
        throw new Error('no app-update.yml')
      }
    }
    const stop = startUpdateChecks({ enabled: () => true, updater, logger, intervalMs: 1000 })
    await vi.advanceTimersByTimeAsync(0)
    expect(logger.warn).toHaveBeenCalledTimes(1)
    stop()
  })

  it('does not start a second check while one is still running', async () => {
    let finish: (value: unknown) => void = () => {}
    const { updater, checkForUpdatesAndNotify } = fakeUpdater(() => new Promise((resolve) => (finish = resolve)))
    const stop = startUpdateChecks({ enabled: () => true, updater, logger: fakeLogger(), intervalMs: 1000 })
    await vi.advanceTimersByTimeAsync(3000)
    expect(checkForUpdatesAndNotify).toHaveBeenCalledTimes(1)
    finish(null)
    await vi.advanceTimersByTimeAsync(1000)
    expect(checkForUpdatesAndNotify).toHaveBeenCalledTimes(2)
    stop()
  })

  it('stops checking once stopped', async () => {
    const { updater, checkForUpdatesAndNotify } = fakeUpdater()
    const stop = startUpdateChecks({ enabled: () => true, updater, logger: fakeLogger(), intervalMs: 1000 })
    stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(checkForUpdatesAndNotify).toHaveBeenCalledTimes(1)
  })
})

describe('whether update checks are on', () => {
  it('is on in an installed build', () => {
    expect(updateChecksEnabled({}, true)).toBe(true)
    expect(updateChecksEnabled({ CONSOLE_UPDATES: 'on' }, true)).toBe(true)
  })

  it('is off with CONSOLE_UPDATES=off, however it is spelled', () => {
    expect(updateChecksEnabled({ CONSOLE_UPDATES: 'off' }, true)).toBe(false)
    expect(updateChecksEnabled({ CONSOLE_UPDATES: ' OFF ' }, true)).toBe(false)
  })

  it('is off when not packaged (npm run dev has nothing to update)', () => {
    expect(updateChecksEnabled({}, false)).toBe(false)
  })
})
