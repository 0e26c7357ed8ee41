import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createConsoleLogger } from '../../src/main/logger.ts'
import { openConfStateFile } from '../../src/main/state/conf-state-file.ts'
import { startConsole, type StartUpHost } from '../../src/main/start-up.ts'
import { memorySecretStore } from '../support/console-host.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const clientId = '11111111-2222-3333-4444-555555555555'

describe('starting the console', () => {
  let dir: ReturnType<typeof makeTempDir>
  let lines: string[]
  beforeEach(() => {
    dir = makeTempDir('console-start-up')
    lines = []
  })
  afterEach(() => dir.remove())

  const host = (env: NodeJS.ProcessEnv, overrides: Partial<StartUpHost> = {}): StartUpHost => ({
    env: { M365_CLIENT_ID: clientId, ...env },
    defaultDataDir: join(dir.path, 'default'),
    mayUseBuiltInSandbox: false,
    openStateFile: openConfStateFile,
    logger: createConsoleLogger((line) => lines.push(line)),
    secrets: memorySecretStore(),
    openBrowser: () => Promise.reject(new Error('this test opens no browser')),
    ...overrides
  })

  it('starts on a fresh data folder, creating it', async () => {
    const result = startConsole(host({ CONSOLE_DATA_DIR: join(dir.path, 'new', 'data') }))
    expect(result.started).toBe(true)
    if (!result.started) return
    expect(result.console.config.dataDir).toBe(join(dir.path, 'new', 'data'))
    expect((await result.console.services.handlers.listCloudApplications()).value).toHaveLength(1)
    await result.console.services.close()
  })

  it('fails with the folder, the cause and the fix when the data folder is a file, and asks for a non-zero exit', () => {
    const file = join(dir.path, 'not-a-folder')
    writeFileSync(file, 'I am a file')
    const result = startConsole(host({ CONSOLE_DATA_DIR: file }))
    expect(result.started).toBe(false)
    if (result.started) return
    expect(result.failure.message).toBe(
      `The console cannot open its data folder ${file}: a file with that name is in the way. Check that you can write to it, or set CONSOLE_DATA_DIR to another folder.`
    )
    expect(result.failure.title).toBe('Protection Console cannot start')
    expect(result.failure.exitCode).not.toBe(0)
    expect(lines.join('\n')).toContain('the console could not start')
  })

  it('names a path through a file as the cause', () => {
    const file = join(dir.path, 'file')
    writeFileSync(file, '')
    const result = startConsole(host({ CONSOLE_DATA_DIR: join(file, 'data') }))
    expect(result.started || result.failure.message).toMatch(/data folder .*file\/data: part of that path is a file, not a folder\. .*CONSOLE_DATA_DIR/)
  })

  it('explains a saved state that the system will not let it open', () => {
    const dataDir = join(dir.path, 'data')
    mkdirSync(dataDir)
    const refuse: StartUpHost['openStateFile'] = () => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${dataDir}/console-state.json'`), { code: 'EACCES' })
    }
    const result = startConsole(host({ CONSOLE_DATA_DIR: dataDir }, { openStateFile: refuse }))
    expect(result.started || result.failure.message).toBe(
      `The console cannot open its saved data in ${dataDir}: permission denied. Check that you can read and write the files in that folder, or set CONSOLE_DATA_DIR to another folder.`
    )
  })

  it('passes a wrong Microsoft 365 setting on in its own words', () => {
    const result = startConsole(host({ CONSOLE_DATA_DIR: join(dir.path, 'data'), M365_LOGIN_ENDPOINT: 'http://login.example.com' }))
    expect(result.started || result.failure.message).toMatch(/M365_LOGIN_ENDPOINT/)
    expect(result.started || result.failure.exitCode).toBe(1)
  })

  it('turns a failure nobody foresaw into a general message, and keeps its text for the log', () => {
    const bug: StartUpHost['openStateFile'] = () => {
      throw new TypeError('cannot read properties of undefined (reading "tenantId")')
    }
    const result = startConsole(host({ CONSOLE_DATA_DIR: join(dir.path, 'data') }, { openStateFile: bug }))
    expect(result.started || result.failure.message).toMatch(/unexpected problem while starting/)
    expect(result.started || result.failure.message).not.toContain('tenantId')
    expect(lines.join('\n')).toContain('tenantId')
  })
})
