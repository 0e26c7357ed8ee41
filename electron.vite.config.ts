import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/**
 * The page's CSP is strict in every build. Only the dev server, which injects React Refresh's inline
 * preamble and talks over a websocket, gets those two allowances, and only while it runs.
 */
function devServerCsp(): Plugin {
  return {
    name: 'console-dev-server-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:*")
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
    plugins: [react(), devServerCsp()]
  }
})
