import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPreviewProcess, type PreviewProcess } from '../support/preview-process.ts'
import { makeTempDir } from '../support/temp-dir.ts'

const root = join(import.meta.dirname, '../..')

/** Runs the preview as a terminal would, for a setting it must refuse, and collects what it said. */
async function runPreviewUntilExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['src/preview/main.ts'], { cwd: root, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code] = (await once(child, 'exit')) as [number | null]
    return { code, stdout, stderr }
  } finally {
    // Should a check ever break, the preview would be serving: never leave it behind.
    child.kill()
  }
}

describe('npm run preview:web, as started from a terminal', () => {
  const dataDir = makeTempDir('console-preview-process')
  let preview: PreviewProcess

  beforeAll(async () => {
    preview = await startPreviewProcess({ env: { ...process.env, PORT: '0', CONSOLE_DATA_DIR: dataDir.path } })
  })
  afterAll(async () => {
    await preview?.stop()
    dataDir.remove()
  })

  it('prints a URL with a one-time token on a line of its own; it lets one browser in, once', async () => {
    expect(preview.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/)
    const first = await fetch(preview.tokenUrl, { redirect: 'manual' })
    expect(first.status).toBe(303)
    expect(first.headers.get('set-cookie')).toMatch(/^console_preview_session_\d+=/)
    const second = await fetch(preview.tokenUrl, { redirect: 'manual' })
    expect(second.status).toBe(401)
    expect(second.headers.get('set-cookie')).toBeNull()
  })

  it('gives a browser that opens the bare address no cookie', async () => {
    const reply = await fetch(preview.url, { redirect: 'manual' })
    expect(reply.status).toBe(401)
    expect(reply.headers.get('set-cookie')).toBeNull()
    expect(await reply.text()).toContain('Open the URL the preview printed in its terminal')
  })
})

describe('the preview’s PORT', () => {
  it.each(['80abc', 'http'])('refuses PORT=%s with exit code 2 and says why, before it listens anywhere', async (port) => {
    const dataDir = makeTempDir('console-preview-port')
    try {
      const { code, stdout, stderr } = await runPreviewUntilExit({ PORT: port, CONSOLE_DATA_DIR: dataDir.path })
      expect(code).toBe(2)
      expect(stderr).toContain(`PORT must be a whole number from 0 to 65535, not "${port}".`)
      expect(stdout).not.toContain('http://127.0.0.1')
    } finally {
      dataDir.remove()
    }
  })
})

describe('the preview’s start-up failures', () => {
  it('stops with exit code 2 and names the setting when M365_CLIENT_ID is not a GUID', async () => {
    const dataDir = makeTempDir('console-preview-client-id')
    try {
      const { code, stdout, stderr } = await runPreviewUntilExit({ CONSOLE_DATA_DIR: dataDir.path, M365_CLIENT_ID: 'my-app' })
      expect(code).toBe(2)
      expect(stderr).toContain('M365_CLIENT_ID must be the Application (client) ID of your app registration')
      expect(stdout).not.toContain('http://127.0.0.1')
    } finally {
      dataDir.remove()
    }
  })

  it('stops with exit code 2 and says how to fix a data folder it cannot use', async () => {
    const dataDir = makeTempDir('console-preview-data-folder')
    const blocked = join(dataDir.path, 'a-file')
    writeFileSync(blocked, 'not a folder')
    try {
      const { code, stdout, stderr } = await runPreviewUntilExit({ CONSOLE_DATA_DIR: blocked })
      expect(code).toBe(2)
      expect(stderr).toContain(`The console cannot open its data folder ${blocked}`)
      expect(stderr).toContain('set CONSOLE_DATA_DIR to another folder')
      expect(stdout).not.toContain('http://127.0.0.1')
    } finally {
      dataDir.remove()
    }
  })

  it('stops with exit code 2 and says to choose another PORT when its port is taken', async () => {
    const dataDir = makeTempDir('console-preview-port-taken')
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const { port } = taken.address() as AddressInfo
    try {
      const { code, stdout, stderr } = await runPreviewUntilExit({ PORT: String(port), CONSOLE_DATA_DIR: dataDir.path })
      expect(code).toBe(2)
      expect(stderr).toContain(`Port ${port} is already in use by another program. Set PORT to another port`)
      expect(stdout).not.toContain('?token=')
    } finally {
      taken.close()
      dataDir.remove()
    }
  })
})
