import { describe, expect, it } from 'vitest'
import { createConsoleLogger, silentLogger } from '../../src/main/logger.ts'
import { createSerialState } from '../../src/main/state/serial-state.ts'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('serialised state updates', () => {
  it('loses none of 100 interleaved writers, even while saves take uneven time', async () => {
    const saved: number[][] = []
    const state = createSerialState<number[]>(
      [],
      async (value) => {
        // Uneven saves: without the queue, a later change would read the state before an earlier save
        // finished, and one of the two writes would be lost.
        await pause(value.length % 3)
        saved.push(value)
        return value
      },
      silentLogger
    )
    const writers = Array.from({ length: 100 }, async (_, index) => {
      // Each writer does its own I/O first, as connect and the heartbeat will, then merges its result.
      await pause((index * 7) % 5)
      return state.update((latest) => [...latest, index])
    })
    await Promise.all(writers)
    expect([...state.read()].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index))
    expect(saved).toHaveLength(100)
    expect(saved.at(-1)).toEqual(state.read())
  })

  it('keeps what the save stored, not what the change returned', async () => {
    const state = createSerialState<string[]>([], (value) => value.map((item) => item.trim()), silentLogger)
    await state.update(() => ['  padded  '])
    expect(state.read()).toEqual(['padded'])
  })

  it('rejects a failing change for its caller only, and runs the next one on the state before it', async () => {
    const state = createSerialState<string[]>(['kept'], (value) => value, silentLogger)
    const failing = state.update(() => {
      throw new Error('the change failed')
    })
    const editing = state.update((latest) => {
      latest.push('half-applied')
      return latest
    })
    const next = state.update((latest) => [...latest, 'next'])
    await expect(failing).rejects.toThrow('the change failed')
    // The latest state is frozen: an edit in place is refused where it happens, and leaves nothing behind.
    await expect(editing).rejects.toThrow(TypeError)
    await expect(next).resolves.toEqual(['kept', 'next'])
    expect(state.read()).toEqual(['kept', 'next'])
  })

  it('keeps the state and skips the announcement when saving fails', async () => {
    let refuse = true
    const heard: string[][] = []
    const state = createSerialState<string[]>(['kept'], (value) => {
      if (refuse) throw new Error('disk full')
      return value
    }, silentLogger)
    state.onChange((value) => heard.push(value))
    await expect(state.update(() => ['lost'])).rejects.toThrow('disk full')
    expect(state.read()).toEqual(['kept'])
    expect(heard).toEqual([])
    refuse = false
    await state.update((latest) => [...latest, 'saved'])
    expect(heard).toEqual([['kept', 'saved']])
  })

  it('hands out one frozen state, to callers and listeners alike, so nobody edits it behind the queue’s back', async () => {
    const state = createSerialState<Array<{ name: string }>>([{ name: 'a' }], (value) => value, silentLogger)
    const refusals: unknown[] = []
    state.onChange((announced) => {
      try {
        announced.push({ name: 'sneaked in by a listener' })
      } catch (error) {
        refusals.push(error)
      }
    })
    expect(() => state.read().push({ name: 'sneaked in' })).toThrow(TypeError)
    const updated = await state.update((latest) => [...latest, { name: 'b' }])
    expect(() => updated.push({ name: 'sneaked in' })).toThrow(TypeError)
    // All the way down, including what the change added.
    expect(() => ((state.read()[1] as { name: string }).name = 'renamed')).toThrow(TypeError)
    expect(() => ((state.read()[0] as { name: string }).name = 'renamed')).toThrow(TypeError)
    expect(refusals).toHaveLength(1)
    expect(state.read()).toEqual([{ name: 'a' }, { name: 'b' }])
  })

  it('resolves a change once it is saved, even when a listener throws, and logs the listener', async () => {
    const lines: string[] = []
    const state = createSerialState<number>(0, (value) => value, createConsoleLogger((line) => lines.push(line)))
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
