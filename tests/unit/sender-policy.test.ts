import { describe, expect, it } from 'vitest'
import { createSenderPolicy } from '../../src/main/ipc/sender-policy.ts'

describe('the sender policy', () => {
  const policy = createSenderPolicy({ appOrigin: 'console-app://renderer' })

  it('trusts the renderer scheme by its exact origin, at any path', () => {
    expect(policy({ url: 'console-app://renderer/index.html' })).toBe(true)
    expect(policy({ url: 'console-app://renderer/index.html#/cloud' })).toBe(true)
    expect(policy({ url: 'console-app://renderer/' })).toBe(true)
  })

  it.each([
    'file:///opt/console/out/renderer/index.html',
    'file:///tmp/index.html',
    'console-app://other/index.html',
    'console-app://renderer.evil/index.html',
    'console-app://user@renderer/index.html',
    'other-app://renderer/index.html',
    'http://127.0.0.1:5173/',
    'data:text/html,<p>hi</p>',
    'about:blank',
    'not a url'
  ])('refuses %s', (url) => expect(policy({ url })).toBe(false))

  it('refuses a frame without a URL (a subframe)', () => {
    expect(policy({ url: null })).toBe(false)
  })

  it('trusts the dev server only by its exact origin', () => {
    const dev = createSenderPolicy({ devServerUrl: 'http://localhost:5173/' })
    expect(dev({ url: 'http://localhost:5173/index.html' })).toBe(true)
    expect(dev({ url: 'http://localhost:5174/' })).toBe(false)
    expect(dev({ url: 'https://localhost:5173/' })).toBe(false)
    expect(dev({ url: 'console-app://renderer/index.html' })).toBe(false)
  })

  it('trusts nothing when given nothing', () => {
    const none = createSenderPolicy({})
    expect(none({ url: 'console-app://renderer/index.html' })).toBe(false)
    expect(none({ url: 'null' })).toBe(false)
  })
})
