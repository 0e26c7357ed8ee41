import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readConsoleConfig } from '../../src/main/console-config.ts'
import { openStateRepository, STATE_FILE_NAME } from '../../src/main/state/state-repository.ts'
import { openConfStateFile } from '../../src/main/state/conf-state-file.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const connected = {
  status: 'connected' as const,
  tenant: { id: '00000000-0000-0000-0000-000000000001', name: 'Contoso', domain: 'contoso.onmicrosoft.com' },
  lastHeartbeatAt: '2026-11-27T10:00:00.000Z'
}

describe('the state repository', () => {
  let dir: ReturnType<typeof makeTempDir>
  const stateFile = () => join(dir.path, `${STATE_FILE_NAME}.json`)
  beforeEach(() => {
    dir = makeTempDir('console-state')
  })
  afterEach(() => dir.remove())

  it('starts empty and keeps what was saved across launches', () => {
    const first = openStateRepository(dir.path, openConfStateFile)
    expect(first.recovery).toBeNull()
    expect(first.repository.load()).toEqual({ connections: {} })
    first.repository.save({ connections: { microsoft365: connected } })

    const second = openStateRepository(dir.path, openConfStateFile)
    expect(second.repository.load()).toEqual({ connections: { microsoft365: connected } })
    expect(JSON.parse(readFileSync(stateFile(), 'utf8'))).toMatchObject({
      connections: { microsoft365: connected },
      __internal__: { migrations: { version: '1.0.0' } }
    })
  })

  it('refuses to save a state that breaks the schema, and keeps the old one', () => {
    const { repository } = openStateRepository(dir.path, openConfStateFile)
    repository.save({ connections: { microsoft365: connected } })
    expect(() => repository.save({ connections: { microsoft365: { status: 'connected' } } } as never)).toThrow()
    expect(repository.load()).toEqual({ connections: { microsoft365: connected } })
  })

  it.each([
    ['is not JSON', '{"connections": {'],
    ['breaks the schema', JSON.stringify({ connections: { microsoft365: { status: 'teleported' } } })]
  ])('keeps a file that %s aside as a backup and starts fresh', (_case, content) => {
    writeFileSync(stateFile(), content)
    const now = new Date('2026-11-27T12:34:56.000Z')
    const { repository, recovery } = openStateRepository(dir.path, openConfStateFile, () => now)

    expect(recovery).not.toBeNull()
    expect(recovery?.backupFile).toBe(join(dir.path, `${STATE_FILE_NAME}.unreadable-2026-11-27T12-34-56.000Z.json`))
    expect(readFileSync(recovery?.backupFile ?? '', 'utf8')).toBe(content)
    expect(recovery?.reason.length).toBeGreaterThan(0)
    expect(repository.load()).toEqual({ connections: {} })
    expect(readdirSync(dir.path).sort()).toEqual([`${STATE_FILE_NAME}.json`, `${STATE_FILE_NAME}.unreadable-2026-11-27T12-34-56.000Z.json`])
  })

  it('passes on an error it cannot recover from instead of hiding it', () => {
    const missing = join(dir.path, 'no', 'such')
    const refuse = () => {
      throw new Error('permission denied')
    }
    expect(() => openStateRepository(missing, refuse)).toThrow('permission denied')
    expect(existsSync(missing)).toBe(false)
  })
})

describe('the console configuration', () => {
  it('keeps data where CONSOLE_DATA_DIR says, and in the default folder otherwise', () => {
    expect(readConsoleConfig({ env: { CONSOLE_DATA_DIR: '/srv/console' }, defaultDataDir: '/home/a/.config/console', mayUseBuiltInSandbox: true }).dataDir).toBe('/srv/console')
    expect(readConsoleConfig({ env: { CONSOLE_DATA_DIR: '  ' }, defaultDataDir: '/home/a/.config/console', mayUseBuiltInSandbox: true }).dataDir).toBe('/home/a/.config/console')
    expect(readConsoleConfig({ env: {}, defaultDataDir: '/home/a/.config/console', mayUseBuiltInSandbox: true }).dataDir).toBe('/home/a/.config/console')
  })
})
