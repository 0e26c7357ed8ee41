import { describe, expect, it } from 'vitest'
import { createConsoleLogger, silentLogger } from '../../src/main/logger.ts'
import { createSerialState } from '../../src/main/state/serial-state.ts'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('serialised state updates', () => {
  it('loses none of 100 interleaved updates that wait inside their change', async () => {
    const saved: number[][] = []
    const state = createSerialState<number[]>([], (value) => void saved.push(value), silentLogger)
    const updates = Array.from({ length: 100 }, (_, index) =>
      state.update(async (latest) => {
        // Uneven waits: without the queue, later changes would finish first and overwrite earlier ones.
        await pause((index * 7) % 5)
        return [...latest, index]
      })
    )
    await Promise.all(updates)
    const expected = Array.from({ length: 100 }, (_, index) => index)
    expect(state.read()).toEqual(expected)
    expect(saved.at(-1)).toEqual(expected)
    expect(saved).toHaveLength(100)
  })

  it('rejects a failing change for its caller only, and runs the next one on the state before it', async () => {
    const state = createSerialState<string[]>(['kept'], () => {}, silentLogger)
    const failing = state.update(async (latest) => {
      latest.push('half-applied')
      await pause(1)
      throw new Error('the change failed')
    })
    const next = state.update((latest) => [...latest, 'next'])
    await expect(failing).rejects.toThrow('the change failed')
    await expect(next).resolves.toEqual(['kept', 'next'])
    expect(state.read()).toEqual(['kept', 'next'])
  })

  it('keeps the state and skips the announcement when saving fails', async () => {
    let refuse = true
    const heard: string[][] = []
    const state = createSerialState<string[]>(['kept'], () => {
      if (refuse) throw new Error('disk full')
    }, silentLogger)
    state.onChange((value) => heard.push(value))
    await expect(state.update(() => ['lost'])).rejects.toThrow('disk full')
    expect(state.read()).toEqual(['kept'])
    expect(heard).toEqual([])
    refuse = false
    await state.update((latest) => [...latest, 'saved'])
    expect(heard).toEqual([['kept', 'saved']])
  })

  it('hands out copies, so nobody edits the state behind the queue’s back', async () => {
    const state = createSerialState<string[]>(['a'], () => {}, silentLogger)
    state.read().push('sneaked in')
    ;(await state.update((latest) => latest)).push('sneaked in')
    expect(state.read()).toEqual(['a'])
  })

  it('resolves a change once it is saved, even when a listener throws, and logs the listener', async () => {
    const lines: string[] = []
    const state = createSerialState<number>(0, () => {}, createConsoleLogger((line) => lines.push(line)))
    const heard: number[] = []
    state.onChange(() => {
      throw new Error('window gone')
    })
    state.onChange((value) => heard.push(value))
    await expect(state.update((latest) => latest + 1)).resolves.toBe(1)
    expect(heard).toEqual([1])
    expect(lines.join('\n')).toContain('window gone')
  })
})
