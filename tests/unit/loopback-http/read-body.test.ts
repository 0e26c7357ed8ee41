import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseJson } from '../../../src/loopback-http/parse-json.ts'
import { readBodyWithin, type BodyReading } from '../../../src/loopback-http/read-body.ts'

describe('reading a request body within a limit', () => {
  const limit = 16
  let server: Server
  let url: string
  let lastReading: BodyReading | undefined

  beforeAll(async () => {
    server = createServer((incoming, outgoing) => {
      void readBodyWithin(incoming, limit).then((reading) => {
        lastReading = reading
        outgoing.setHeader('Connection', 'close')
        outgoing.end()
      })
    }).listen(0, '127.0.0.1')
    await once(server, 'listening')
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('reads a body up to the limit whole', async () => {
    await fetch(url, { method: 'POST', body: '{"exactly":"16"}' })
    expect(lastReading?.kind).toBe('read')
    expect(lastReading?.kind === 'read' && parseJson(lastReading.body)).toEqual({ ok: true, value: { exactly: '16' } })
  })

  it('refuses a body one byte over the limit', async () => {
    await fetch(url, { method: 'POST', body: 'x'.repeat(limit + 1) }).catch(() => undefined)
    expect(lastReading).toEqual({ kind: 'tooLarge' })
  })

  it('reads an empty body as empty', async () => {
    await fetch(url, { method: 'POST' })
    expect(lastReading).toEqual({ kind: 'read', body: Buffer.alloc(0) })
  })
})

describe('parsing a JSON body', () => {
  it('answers ok: false instead of throwing', () => {
    expect(parseJson(Buffer.from('{not json'))).toEqual({ ok: false })
    expect(parseJson(Buffer.from(''))).toEqual({ ok: false })
    expect(parseJson(Buffer.from('[1,"é"]'))).toEqual({ ok: true, value: [1, 'é'] })
  })
})
