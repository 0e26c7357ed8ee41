import { describe, expect, it } from 'vitest'
import { ConsoleEventHub } from '../../src/main/console-events.ts'
import { createConsoleLogger } from '../../src/main/logger.ts'
import type { EventName } from '../../src/shared/contract.ts'

function hubWithLog() {
  const lines: string[] = []
  return { hub: new ConsoleEventHub(createConsoleLogger((line) => lines.push(line))), lines }
}

const notConnected = { id: 'microsoft365' as const, name: 'Microsoft 365', connection: { status: 'notConnected' as const } }

describe('main’s event hub', () => {
  it('numbers every event it sends, one after another', () => {
    const { hub } = hubWithLog()
    const heard: Array<[EventName, unknown]> = []
    hub.subscribe((event, payload) => heard.push([event, payload]))
    expect(hub.revision).toBe(0)
    hub.emit('noticesChanged', [])
    hub.emit('cloudApplicationsChanged', [notConnected])
    expect(heard).toEqual([
      ['noticesChanged', { revision: 1, value: [] }],
      ['cloudApplicationsChanged', { revision: 2, value: [notConnected] }]
    ])
    expect(hub.revision).toBe(2)
  })

  it('keeps delivering to the other listeners when one throws, and logs it', () => {
    const { hub, lines } = hubWithLog()
    const heard: string[] = []
    hub.subscribe(() => heard.push('first'))
    hub.subscribe(() => {
      throw new Error('the window is gone')
    })
    hub.subscribe(() => heard.push('third'))
    expect(() => hub.emit('noticesChanged', [])).not.toThrow()
    expect(heard).toEqual(['first', 'third'])
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'error', fields: { event: 'noticesChanged', error: { message: 'the window is gone' } } })
  })

  it('sends nothing that breaks the contract, and logs what it held back', () => {
    const { hub, lines } = hubWithLog()
    const heard: unknown[] = []
    hub.subscribe((_event, payload) => heard.push(payload))
    hub.emit('cloudApplicationsChanged', [{ ...notConnected, connection: { status: 'teleported' } }] as never)
    expect(heard).toEqual([])
    expect(hub.revision).toBe(0)
    expect(lines.join('\n')).toContain('breaks the contract')
  })

  it('drops fields the contract does not name before an event leaves main', () => {
    const { hub } = hubWithLog()
    const heard: unknown[] = []
    hub.subscribe((_event, payload) => heard.push(payload))
    hub.emit('cloudApplicationsChanged', [{ ...notConnected, refreshToken: 'opaque-secret' }] as never)
    expect(JSON.stringify(heard)).not.toContain('opaque-secret')
    expect(heard).toEqual([{ revision: 1, value: [notConnected] }])
  })
})
