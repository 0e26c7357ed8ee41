import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../src/main/content-security-policy.ts'
import { rendererIndexUrl, rendererOrigin, serveRendererFile } from '../../src/main/renderer-files.ts'
import { makeTempDir } from '../support/temp-dir.ts'

/** The renderer scheme's file logic, in plain Node: a folder laid out like out/renderer, with neighbours to reach for. */
describe('the renderer scheme serves the built renderer folder and nothing else', () => {
  const dir = makeTempDir('renderer-files')
  const rendererDir = join(dir.path, 'out', 'renderer')
  const get = (url: string, method = 'GET') => serveRendererFile(rendererDir, { url, method })
  const text = async (url: string) => Buffer.from((await get(url)).body ?? new Uint8Array()).toString('utf8')

  beforeAll(() => {
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>')
    writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)')
    writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}')
    writeFileSync(join(rendererDir, 'favicon.svg'), '<svg/>')
    writeFileSync(join(rendererDir, 'notes.unknown'), 'x')
    // Neighbours: a secret beside out/, and a sibling folder whose name starts like the renderer's.
    writeFileSync(join(dir.path, 'secret.txt'), 'secret')
    mkdirSync(join(dir.path, 'out', 'renderer-evil'))
    writeFileSync(join(dir.path, 'out', 'renderer-evil', 'index.html'), 'evil')
    symlinkSync(join(dir.path, 'secret.txt'), join(rendererDir, 'linked.txt'))
    symlinkSync(dir.path, join(rendererDir, 'linked-folder'))
  })
  afterAll(() => dir.remove())

  it('serves index.html at the URL the window loads, as HTML with the CSP header', async () => {
    expect(rendererIndexUrl).toBe('console-app://renderer/index.html')
    const reply = await get(rendererIndexUrl)
    expect(reply.status).toBe(200)
    expect(reply.headers['Content-Type']).toBe('text/html; charset=utf-8')
    expect(reply.headers['Content-Security-Policy']).toBe(contentSecurityPolicy)
    expect(reply.headers['X-Content-Type-Options']).toBe('nosniff')
    expect(await text(rendererIndexUrl)).toContain('<title>console</title>')
    expect(await text(`${rendererOrigin}/`)).toContain('<title>console</title>')
  })

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['favicon.svg', 'image/svg+xml'],
    ['index.html?x=1#/cloud', 'text/html; charset=utf-8']
  ])('serves %s as %s', async (path, type) => {
    const reply = await get(`${rendererOrigin}/${path}`)
    expect(reply.status).toBe(200)
    expect(reply.headers['Content-Type']).toBe(type)
  })

  it('answers HEAD without a body, and refuses other methods', async () => {
    expect(await get(rendererIndexUrl, 'HEAD')).toMatchObject({ status: 200, body: null })
    expect((await get(rendererIndexUrl, 'POST')).status).toBe(405)
  })

  it.each([
    // Plain and encoded traversal, in every spelling that reaches secret.txt two folders up.
    '../../secret.txt',
    '..%2f..%2fsecret.txt',
    '..%2F..%2Fsecret.txt',
    '%2e%2e/%2e%2e/secret.txt',
    '%2E%2E%2F%2E%2E%2Fsecret.txt',
    'assets/..%2f..%2f..%2fsecret.txt',
    '..%5c..%5csecret.txt',
    '%252e%252e/%252e%252e/secret.txt',
    // Absolute paths smuggled in as one segment, a drive letter, a NUL, and the prefix-sharing sibling.
    '%2fetc%2fpasswd',
    'C:%5cWindows%5cwin.ini',
    'index.html%00.js',
    '..%2frenderer-evil%2findex.html',
    // Symlinks inside the folder that lead out of it.
    'linked.txt',
    'linked-folder/secret.txt'
  ])('never serves what %s names outside the folder', async (path) => {
    const reply = await get(`${rendererOrigin}/${path}`)
    expect([403, 404]).toContain(reply.status)
    expect(reply.body).toBeNull()
  })

  it('lets the URL parser fold plain dot segments into the folder, so they cannot climb out of it', async () => {
    // `/../../secret.txt` parses as `/secret.txt`: a file inside the folder, which does not exist.
    expect((await get(`${rendererOrigin}/../../secret.txt`)).status).toBe(404)
    expect((await get(`${rendererOrigin}/assets/../index.html`)).status).toBe(200)
  })

  it('refuses another host, another scheme, credentials, a missing file, a folder and an unknown type', async () => {
    expect((await get('console-app://other/index.html')).status).toBe(403)
    expect((await get('file:///etc/passwd')).status).toBe(403)
    expect((await get('console-app://user@renderer/index.html')).status).toBe(403)
    expect((await get(`${rendererOrigin}/missing.js`)).status).toBe(404)
    expect((await get(`${rendererOrigin}/assets`)).status).toBe(404)
    expect((await get(`${rendererOrigin}/assets/`)).status).toBe(403)
    expect((await get(`${rendererOrigin}/notes.unknown`)).status).toBe(404)
  })
})
