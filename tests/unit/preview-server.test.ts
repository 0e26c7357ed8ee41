import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConsoleServices, type ConsoleServices } from '../../src/main/composition.ts'
import { silentLogger } from '../../src/main/logger.ts'
import { startPreviewServer, type PreviewServer } from '../../src/preview/server/preview-server.ts'
import { openConfStateFile } from '../../src/main/state/conf-state-file.ts'
import { makeTempDir } from '../support/temp-dir.ts'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; readFor?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      const finish = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
      res.on('end', finish)
      if (options.readFor) setTimeout(() => (res.destroy(), finish()), options.readFor)
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('the web preview server', () => {
  const dir = makeTempDir('console-preview')
  let services: ConsoleServices
  let server: PreviewServer
  let origin: string
  let host: string
  let cookie: string

  beforeAll(async () => {
    const rendererDir = join(dir.path, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<html><head><title>Console</title></head><body></body></html>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(dir.path, 'secret.txt'), 'outside the renderer')
    writeFileSync(join(dir.path, 'bridge.js'), '/* bridge */')
    services = createConsoleServices({ dataDir: join(dir.path, 'data'), openStateFile: openConfStateFile, logger: silentLogger })
    server = await startPreviewServer({ ...services, logger: silentLogger, rendererDir, bridgeFile: join(dir.path, 'bridge.js') })
    origin = new URL(server.url).origin
    host = new URL(server.url).host
    cookie = `console_preview_secret=${server.secret}`
  })
  afterAll(async () => {
    await server.close()
    dir.remove()
  })

  const call = (method: string, args: unknown, headers: Record<string, string>) =>
    send(`${origin}/api/invoke/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) })

  it('listens on 127.0.0.1 only, at the URL it reports', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  it('serves the page with the bridge ahead of the app, a strict CSP and the session secret as an HttpOnly cookie', async () => {
    const page = await send(server.url)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<script src="/preview-bridge.js"></script>')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['set-cookie']?.[0]).toBe(`${cookie}; HttpOnly; SameSite=Strict; Path=/`)
    expect((await send(`${origin}/preview-bridge.js`)).body).toBe('/* bridge */')
    expect((await send(`${origin}/assets/app.js`)).status).toBe(200)
  })

  it('answers a contract call from its own page', async () => {
    const reply = await call('listCloudApplications', [], { origin, cookie })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: [{ id: 'microsoft365', name: 'Microsoft 365', connection: { status: 'notConnected' } }] })
  })

  it('refuses a call with a foreign Origin, even with the secret', async () => {
    const reply = await call('listCloudApplications', [], { origin: 'https://evil.example', cookie })
    expect(reply.status).toBe(403)
    expect(reply.body).not.toContain('microsoft365')
  })

  it('refuses a call without the secret, or with a wrong one', async () => {
    expect((await call('listCloudApplications', [], { origin })).status).toBe(401)
    expect((await call('listCloudApplications', [], { origin, cookie: 'console_preview_secret=guess' })).status).toBe(401)
    expect((await send(`${origin}/api/events`, { readFor: 200 })).status).toBe(401)
  })

  it('refuses a call with no Origin at all', async () => {
    expect((await call('listCloudApplications', [], { cookie })).status).toBe(403)
  })

  it('refuses another Host name, as a DNS-rebinding page would send', async () => {
    const reply = await send(server.url, { headers: { host: `attacker.example:${new URL(origin).port}` } })
    expect(reply.status).toBe(421)
    expect(reply.headers['set-cookie']).toBeUndefined()
  })

  it('passes the contract’s argument check through to the caller', async () => {
    const reply = await call('dismissNotice', [123], { origin, cookie })
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalidArguments' } })
    const garbled = await send(`${origin}/api/invoke/listNotices`, { method: 'POST', headers: { origin, cookie }, body: '{not json' })
    expect(garbled.status).toBe(400)
  })

  it('serves nothing outside the built renderer', async () => {
    const reply = await send(`${origin}/..%2fsecret.txt`, { headers: { host } })
    expect(reply.status).toBe(404)
    expect(reply.body).not.toContain('outside the renderer')
  })

  it('streams main’s events to the page', async () => {
    const pending = send(`${origin}/api/events`, { headers: { cookie }, readFor: 300 })
    setTimeout(() => services.events.emit('noticesChanged', []), 100)
    const reply = await pending
    expect(reply.status).toBe(200)
    expect(reply.body).toContain('event: noticesChanged\ndata: []')
  })
})
