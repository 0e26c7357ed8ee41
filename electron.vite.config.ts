import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { metaContentSecurityPolicy } from './src/main/content-security-policy.ts'

const cspMetaTag = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i

/**
 * The dev server injects React Refresh's inline preamble and talks over a websocket: it alone gets
 * those two allowances, and only while it runs.
 */
export function relaxForDevServer(policy: string): string {
  return policy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws://localhost:*")
}

/**
 * Writes the page's meta CSP from src/main/content-security-policy.ts, the policy's one source, so the
 * meta tag and the header cannot drift apart. A page without the tag fails the build instead of
 * shipping without a policy.
 */
export function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'console-content-security-policy',
    transformIndexHtml(html, context) {
      if (html.match(new RegExp(cspMetaTag.source, 'gi'))?.length !== 1) {
        throw new Error(`${context.filename} needs exactly one <meta http-equiv="Content-Security-Policy" content="…"> for the CSP to be written into`)
      }
      const policy = context.server ? relaxForDevServer(metaContentSecurityPolicy) : metaContentSecurityPolicy
      return html.replace(cspMetaTag, (_tag, start: string, end: string) => `${start}${policy}${end}`)
    }
  }
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve('src/main/index.ts') } }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but electron, so everything it uses is bundled in.
      externalizeDeps: false,
      minify: true,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      minify: true,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } }
    },
    plugins: [react(), contentSecurityPolicyMeta()]
  }
})
