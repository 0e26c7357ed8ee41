import { methodNames } from '../../src/shared/contract-names.ts'
import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConsoleServices, type ConsoleServices } from '../../src/main/composition.ts'
import { silentLogger } from '../../src/main/logger.ts'
import { OPEN_IN_BROWSER_EVENT, startPreviewServer, type PreviewServer } from '../../src/preview/server/preview-server.ts'
import { postOversizedBody } from '../support/oversized-post.ts'
import { testConsoleEnvironment } from '../support/console-host.ts'
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

/** The `name=value` part of a Set-Cookie reply, as a browser would send it back. */
function cookieFrom(reply: Reply): string {
  const [setCookie] = [reply.headers['set-cookie'] ?? []].flat()
  return setCookie?.split(';')[0] ?? ''
}

const signInHint = 'Open the URL the preview printed in its terminal'

describe('the web preview server', () => {
  const dir = makeTempDir('console-preview')
  let services: ConsoleServices
  let server: PreviewServer
  let origin: string
  let host: string
  let port: number
  let exchange: Reply
  let cookie: string

  beforeAll(async () => {
    const rendererDir = join(dir.path, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<html><head><title>Console</title></head><body></body></html>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(dir.path, 'secret.txt'), 'outside the renderer')
    writeFileSync(join(dir.path, 'bridge.js'), '/* bridge */')
    services = createConsoleServices(testConsoleEnvironment(join(dir.path, 'data')))
    server = await startPreviewServer({ ...services, logger: silentLogger, rendererDir, bridgeFile: join(dir.path, 'bridge.js') })
    origin = new URL(server.url).origin
    host = new URL(server.url).host
    port = Number(new URL(server.url).port)
    // What the browser does with the printed URL; every test below runs as that browser unless it says otherwise.
    exchange = await send(server.tokenUrl)
    cookie = cookieFrom(exchange)
  })
  afterAll(async () => {
    await server.close()
    dir.remove()
  })

  const call = (method: string, args: unknown, headers: Record<string, string>) =>
    send(`${origin}/api/invoke/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) })

  it('listens on 127.0.0.1 only, and its token URL is the clean URL with a token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(server.tokenUrl).toMatch(new RegExp(`^${server.url.replace(/[.?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]{32}$`))
  })

  it('trades the token for an HttpOnly, SameSite=Strict session cookie named after its port, and sends the browser to the clean URL', () => {
    expect(exchange.status).toBe(303)
    expect(exchange.headers.location).toBe('/')
    expect(exchange.headers['set-cookie']).toEqual([expect.stringMatching(new RegExp(`^console_preview_session_${port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`))])
  })

  it('gives GET / without the cookie a page that says where to get in, and no cookie', async () => {
    const page = await send(server.url)
    expect(page.status).toBe(401)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain(signInHint)
    expect(page.body).not.toContain('preview-bridge.js')
    expect(page.headers['set-cookie']).toBeUndefined()
    for (const path of ['/index.html', '/preview-bridge.js', '/assets/app.js']) {
      const reply = await send(`${origin}${path}`)
      expect(reply.status, path).toBe(401)
      expect(reply.body, path).not.toMatch(/bridge|console\.log/)
    }
  })

  it('lets the token in only once: a second browser, or a wrong token, gets the sign-in page and no cookie', async () => {
    for (const url of [server.tokenUrl, `${server.url}?token=guess`, `${server.url}?token=`]) {
      const reply = await send(url)
      expect(reply.status, url).toBe(401)
      expect(reply.body, url).toContain(signInHint)
      expect(reply.headers['set-cookie'], url).toBeUndefined()
    }
  })

  it('sends the browser that spent the token on to the console if it opens the printed URL again, without a new cookie', async () => {
    const again = await send(server.tokenUrl, { headers: { cookie } })
    expect(again.status).toBe(303)
    expect(again.headers.location).toBe('/')
    expect(again.headers['set-cookie']).toBeUndefined()
  })

  it('serves the page with the bridge ahead of the app and a strict CSP to the browser with the cookie', async () => {
    const page = await send(server.url, { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<script src="/preview-bridge.js"></script>')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['set-cookie']).toBeUndefined()
    expect((await send(`${origin}/preview-bridge.js`, { headers: { cookie } })).body).toBe('/* bridge */')
    expect((await send(`${origin}/assets/app.js`, { headers: { cookie } })).status).toBe(200)
  })

  it('answers a contract call from its own page', async () => {
    const reply = await call('listCloudApplications', [], { origin, cookie })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true })
    expect(reply.body).toContain('microsoft365')
  })

  it('carries every method the contract names, digits and all (getMicrosoft365Permissions once got 404)', async () => {
    for (const method of methodNames) {
      const reply = await call(method, [], { origin, cookie })
      // Each reaches the dispatcher: an answer, or its refusal of the (empty) arguments; never the 404 for a path.
      expect(reply.status, method).toBe(200)
      expect(JSON.parse(reply.body), method).not.toMatchObject({ error: { code: 'unknownMethod' } })
    }
    expect(JSON.parse((await call('getMicrosoft365Permissions', [], { origin, cookie })).body)).toMatchObject({
      ok: true,
      value: { permissions: expect.arrayContaining([expect.objectContaining({ name: 'Directory.Read.All' })]) as unknown }
    })
  })

  it('refuses a call with a foreign Origin, even with the cookie', async () => {
    const reply = await call('listCloudApplications', [], { origin: 'https://evil.example', cookie })
    expect(reply.status).toBe(403)
    expect(reply.body).not.toContain('microsoft365')
  })

  it('refuses a call that copies the page’s Origin but lacks the cookie, or carries a wrong one', async () => {
    const [name] = cookie.split('=')
    for (const offered of [undefined, `${name}=guess`, `console_preview_session_${port + 1}=${cookie.split('=')[1]}`]) {
      const reply = await call('listCloudApplications', [], { origin, ...(offered ? { cookie: offered } : {}) })
      expect(reply.status, offered).toBe(401)
      expect(reply.body, offered).not.toContain('microsoft365')
    }
    expect((await send(`${origin}/api/events`, { readFor: 200 })).status).toBe(401)
  })

  it('lets its own browser in even when a page on another port has planted a decoy cookie of the same name first', async () => {
    const name = cookie.split('=')[0] ?? ''
    const reply = await call('listCloudApplications', [], { origin, cookie: `${name}=decoy-from-another-port; ${cookie}` })
    expect(reply.status).toBe(200)
    const decoyOnly = await call('listCloudApplications', [], { origin, cookie: `${name}=decoy-from-another-port` })
    expect(decoyOnly.status).toBe(401)
  })

  it('answers a call it does not know with the contract’s envelope, so the page gets a code and a message', async () => {
    const reply = await send(`${origin}/api/invoke/listNotices`, { headers: { origin, cookie } })
    expect(reply.status).toBe(404)
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'unknownMethod', message: 'The preview has no such call.' } })
  })

  it('refuses a call with no Origin at all', async () => {
    expect((await call('listCloudApplications', [], { cookie })).status).toBe(403)
  })

  it('refuses a call that is not JSON, as a cross-site form would send it without a preflight', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const reply = await call('listCloudApplications', [], { origin, cookie, 'content-type': contentType })
      expect(reply.status, contentType).toBe(415)
      expect(reply.body, contentType).not.toContain('microsoft365')
    }
    expect((await call('listCloudApplications', [], { origin, cookie, 'content-type': 'application/json; charset=utf-8' })).status).toBe(200)
  })

  it('refuses another Host name, as a DNS-rebinding page would send, and does not spend or trade a token for it', async () => {
    const reply = await send(server.url, { headers: { host: `attacker.example:${port}`, cookie } })
    expect(reply.status).toBe(421)
    expect(reply.headers['set-cookie']).toBeUndefined()
  })

  it('passes the contract’s argument check through to the caller, and refuses a body that is not JSON', async () => {
    const reply = await call('dismissNotice', [123], { origin, cookie })
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalidArguments' } })
    const garbled = await send(`${origin}/api/invoke/listNotices`, { method: 'POST', headers: { origin, cookie, 'content-type': 'application/json' }, body: '{not json' })
    expect(garbled.status).toBe(400)
  })

  it('serves nothing outside the built renderer', async () => {
    const reply = await send(`${origin}/..%2fsecret.txt`, { headers: { host, cookie } })
    expect(reply.status).toBe(404)
    expect(reply.body).not.toContain('outside the renderer')
  })

  it('answers a malformed percent-escape with 400, not a server failure', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%ZZ.js', '/%']) {
      expect((await send(`${origin}${path}`, { headers: { cookie } })).status, path).toBe(400)
    }
  })

  it.each([
    ['a declared length', true],
    ['a chunked body', false]
  ])('refuses a body over 64 KiB sent with %s with 413, closes the connection, and keeps answering', async (_name, declareLength) => {
    const outcome = await postOversizedBody({
      port,
      path: '/api/invoke/listCloudApplications',
      headers: { Host: host, Origin: origin, Cookie: cookie, 'Content-Type': 'application/json' },
      bodyBytes: 200 * 1024,
      declareLength
    })
    expect(outcome.statusLine).toMatch(/^HTTP\/1\.1 413 /)
    expect(outcome.closedByServer).toBe(true)
    expect((await call('listCloudApplications', [], { origin, cookie })).status).toBe(200)
  })

  it('streams main’s events to the page', async () => {
    const pending = send(`${origin}/api/events`, { headers: { cookie }, readFor: 300 })
    setTimeout(() => services.events.emit('noticesChanged', []), 100)
    const reply = await pending
    expect(reply.status).toBe(200)
    // The payload's shape is the contract's business; that the event arrives is the server's.
    expect(reply.body).toMatch(/event: noticesChanged\ndata: .+\n\n/)
  })

  it('plays the system browser: a URL main opens goes to every open page', async () => {
    const pending = send(`${origin}/api/events`, { headers: { cookie }, readFor: 300 })
    let delivered: boolean | undefined
    setTimeout(() => (delivered = server.openInBrowser('http://127.0.0.1:1/authorize?state=x')), 100)
    const reply = await pending
    expect(delivered).toBe(true)
    expect(reply.body).toContain(`event: ${OPEN_IN_BROWSER_EVENT}\ndata: {"url":"http://127.0.0.1:1/authorize?state=x"}\n\n`)
  })

  it('keeps two previews’ sessions apart: each cookie is named after its own port and opens only its own preview', async () => {
    const other = await startPreviewServer({ ...services, logger: silentLogger, rendererDir: join(dir.path, 'renderer'), bridgeFile: join(dir.path, 'bridge.js') })
    try {
      const otherCookie = cookieFrom(await send(other.tokenUrl))
      expect(otherCookie.split('=')[0]).toBe(`console_preview_session_${new URL(other.url).port}`)
      // A browser holds both cookies for 127.0.0.1 at once, since cookies ignore the port.
      const both = `${cookie}; ${otherCookie}`
      expect((await send(server.url, { headers: { cookie: both } })).status).toBe(200)
      expect((await send(other.url, { headers: { cookie: both } })).status).toBe(200)
      expect((await send(other.url, { headers: { cookie } })).status).toBe(401)
    } finally {
      await other.close()
    }
  })
})
