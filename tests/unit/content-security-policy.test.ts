import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { IndexHtmlTransformContext, IndexHtmlTransformHook, Plugin } from 'vite'
import config, { contentSecurityPolicyMeta } from '../../electron.vite.config.ts'
import { contentSecurityPolicy, headerOnlyDirectives, metaContentSecurityPolicy } from '../../src/main/content-security-policy.ts'

const sourcePage = readFileSync('src/renderer/index.html', 'utf8')

/** Runs the config's own plugin over the page, as `vite build` (no server) or `vite dev` (a server) would. */
function transform(html: string, { devServer = false } = {}): string {
  const hook = contentSecurityPolicyMeta().transformIndexHtml as IndexHtmlTransformHook
  const context = { path: '/index.html', filename: 'src/renderer/index.html', ...(devServer ? { server: {} } : {}) } as IndexHtmlTransformContext
  return hook.call({} as never, html, context) as string
}

function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((match) => match[1] ?? '')
}

const directivesOf = (policy: string) => policy.split(';').map((directive) => directive.trim()).filter(Boolean)

describe('the CSP has one source', () => {
  it('writes the built page’s meta tag from content-security-policy.ts', () => {
    expect(metaPolicies(transform(sourcePage))).toEqual([metaContentSecurityPolicy])
  })

  it('the meta policy is the header policy, less only what a meta tag ignores', () => {
    const header = directivesOf(contentSecurityPolicy)
    const meta = directivesOf(metaPolicies(transform(sourcePage))[0] ?? '')
    expect(header.filter((directive) => !headerOnlyDirectives.includes(directive.split(' ')[0] ?? ''))).toEqual(meta)
    expect(header).toContain("frame-ancestors 'none'")
  })

  it('the renderer build uses the plugin', () => {
    const renderer = (config as { renderer?: { plugins?: Plugin[] } }).renderer
    expect(renderer?.plugins?.flat().map((plugin) => (plugin as Plugin | undefined)?.name)).toContain('console-content-security-policy')
  })

  it('the source page holds only a refuse-everything stand-in, so it is safe even unbuilt', () => {
    expect(metaPolicies(sourcePage)).toEqual(["default-src 'none'"])
  })

  it('relaxes the policy for the dev server alone: its inline preamble and websocket', () => {
    const [dev] = metaPolicies(transform(sourcePage, { devServer: true }))
    expect(dev).toContain("script-src 'self' 'unsafe-inline'")
    expect(dev).toContain("connect-src 'self' ws://localhost:*")
    expect(metaPolicies(transform(sourcePage))[0]).toContain("script-src 'self'; ")
  })

  it('fails the build for a page without exactly one CSP meta tag', () => {
    expect(() => transform('<html><head></head></html>')).toThrow(/exactly one/)
    const twice = sourcePage.replace('<title>', `<meta http-equiv="Content-Security-Policy" content="default-src *" />\n<title>`)
    expect(() => transform(twice)).toThrow(/exactly one/)
  })
})
