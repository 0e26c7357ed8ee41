import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { closedPort } from '../../support/closed-port.ts'

const script = join(import.meta.dirname, '../../../src/sandbox-tenant/standalone.ts')
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function startStandalone(port: string): { child: ChildProcess; lines: () => Promise<string[]> } {
  const child = spawn(process.execPath, [script], { env: { ...process.env, PORT: port }, stdio: ['ignore', 'pipe', 'pipe'] })
  const collected: string[] = []
  const reader = createInterface({ input: child.stdout })
  const done = new Promise<string[]>((resolve) => {
    reader.on('line', (line) => {
      collected.push(line)
      if (line.startsWith('scenario controls:')) resolve(collected)
    })
    child.once('exit', () => resolve(collected))
  })
  return { child, lines: () => done }
}

describe('npm run sandbox', () => {
  let child: ChildProcess | undefined
  afterEach(() => {
    child?.kill()
  })

  it('prints its base URL on a line of its own, then client_id, tenant_id and the seeded accounts, on the port PORT names', async () => {
    const port = await closedPort()
    const started = startStandalone(String(port))
    child = started.child
    const lines = await started.lines()
    expect(lines[0]).toBe(`http://127.0.0.1:${port}/`)
    expect(lines[1]).toMatch(/^client_id: /)
    expect(lines[1]?.slice('client_id: '.length)).toMatch(guid)
    expect(lines[2]?.slice('tenant_id: '.length)).toMatch(guid)
    expect(lines.join('\n')).toContain('MeganB@contoso.onmicrosoft.com')
    expect(lines.join('\n')).toContain('AdeleV@contoso.onmicrosoft.com')
    expect(lines.join('\n')).toContain('AlexW@fabrikam.onmicrosoft.com')
    const snapshot = (await (await fetch(`http://127.0.0.1:${port}/_sandbox/scenario`)).json()) as { tenantId: string }
    expect(snapshot.tenantId).toBe(lines[2]?.slice('tenant_id: '.length))
  })

  it.each(['http', '80abc'])('refuses PORT=%s, which is not a port, and says so', async (port) => {
    const started = startStandalone(port)
    child = started.child
    let stderr = ''
    started.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code] = (await once(started.child, 'exit')) as [number]
    expect(code).toBe(2)
    expect(stderr).toContain(`PORT must be a whole number from 0 to 65535, not "${port}"`)
  })
})
