import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readConsoleConfig } from '../../src/main/console-config.ts'
import { silentLogger } from '../../src/main/logger.ts'
import { openStateRepository, STATE_FILE_NAME } from '../../src/main/state/state-repository.ts'
import { openConfStateFile } from '../../src/main/state/conf-state-file.ts'
import { connectedRecord } from '../support/connection-records.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const open = (dataDir: string, now?: () => Date) => openStateRepository(dataDir, openConfStateFile, { logger: silentLogger, ...(now ? { now } : {}) })

const connected = connectedRecord()

describe('the state repository', () => {
  let dir: ReturnType<typeof makeTempDir>
  const stateFile = () => join(dir.path, `${STATE_FILE_NAME}.json`)
  beforeEach(() => {
    dir = makeTempDir('console-state')
  })
  afterEach(() => dir.remove())

  it('starts empty and keeps what was saved across launches', async () => {
    const first = open(dir.path)
    expect(first.recovery).toBeNull()
    expect(first.repository.read()).toEqual({ connections: {}, activity: [], microsoft365Heartbeats: [] })
    await first.repository.update(() => ({ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] }))

    const second = open(dir.path)
    expect(second.repository.read()).toEqual({ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] })
    expect(JSON.parse(readFileSync(stateFile(), 'utf8'))).toMatchObject({
      connections: { microsoft365: connected },
      __internal__: { migrations: { version: '1.2.0' } }
    })
  })

  it('refuses to save a state that breaks the schema, and keeps the old one', async () => {
    const { repository } = open(dir.path)
    await repository.update(() => ({ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] }))
    await expect(repository.update(() => ({ connections: { microsoft365: { status: 'connected' } } }) as never)).rejects.toThrow()
    expect(repository.read()).toEqual({ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] })
    expect(open(dir.path).repository.read()).toEqual({ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] })
  })

  it('saves before it announces, and announces every change once', async () => {
    const { repository } = open(dir.path)
    const announced: unknown[] = []
    repository.onChange((state) => announced.push([state, (JSON.parse(readFileSync(stateFile(), 'utf8')) as { connections: unknown }).connections]))
    await repository.update(() => ({ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] }))
    expect(announced).toEqual([[{ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] }, { microsoft365: connected }]])
  })

  it('tells the administrator, in words, when the file cannot be written, and keeps the saved state', async () => {
    let failWrites = false
    const { repository } = openStateRepository(
      dir.path,
      (options) => {
        const file = openConfStateFile(options)
        return {
          get path() {
            return file.path
          },
          get store() {
            return file.store
          },
          set store(value) {
            if (failWrites) throw Object.assign(new Error(`EACCES: permission denied, open '${file.path}'`), { code: 'EACCES' })
            file.store = value
          }
        }
      },
      { logger: silentLogger }
    )
    await repository.update(() => ({ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] }))
    failWrites = true
    const failure = repository.update(() => ({ connections: {}, activity: [], microsoft365Heartbeats: [] }))
    await expect(failure).rejects.toMatchObject({ name: 'ConsoleUserError', code: 'stateNotSaved', message: expect.stringMatching(/could not save/) as unknown })
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining(dir.path) as unknown })
    expect(repository.read()).toEqual({ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] })
    failWrites = false
    await expect(repository.update((latest) => latest)).resolves.toEqual({ connections: { microsoft365: connected }, activity: [], microsoft365Heartbeats: [] })
  })

  it('opens a state file saved by version 1.0.0, before the activity history existed, and keeps what it held', () => {
    writeFileSync(
      stateFile(),
      JSON.stringify({ __internal__: { migrations: { version: '1.0.0' } }, connections: { microsoft365: { status: 'notConnected' } } })
    )
    const { repository, recovery } = open(dir.path)
    expect(recovery).toBeNull()
    expect(repository.read()).toEqual({ connections: { microsoft365: { status: 'notConnected' } }, activity: [], microsoft365Heartbeats: [] })
  })

  it.each([
    ['is not JSON', '{"connections": {'],
    ['breaks the schema', JSON.stringify({ connections: { microsoft365: { status: 'teleported' } } })]
  ])('keeps a file that %s aside as a backup and starts fresh', (_case, content) => {
    writeFileSync(stateFile(), content)
    const now = new Date('2026-11-27T12:34:56.000Z')
    const { repository, recovery } = open(dir.path, () => now)

    expect(recovery).not.toBeNull()
    expect(recovery?.backupFile).toBe(join(dir.path, `${STATE_FILE_NAME}.unreadable-2026-11-27T12-34-56.000Z.json`))
    expect(readFileSync(recovery?.backupFile ?? '', 'utf8')).toBe(content)
    expect(recovery?.reason.length).toBeGreaterThan(0)
    expect(repository.read()).toEqual({ connections: {}, activity: [], microsoft365Heartbeats: [] })
    expect(readdirSync(dir.path).sort()).toEqual([`${STATE_FILE_NAME}.json`, `${STATE_FILE_NAME}.unreadable-2026-11-27T12-34-56.000Z.json`])
  })

  it('passes on an error it cannot recover from instead of hiding it', () => {
    const missing = join(dir.path, 'no', 'such')
    const refuse = () => {
      throw new Error('permission denied')
    }
    expect(() => openStateRepository(missing, refuse, { logger: silentLogger })).toThrow('permission denied')
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
