import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/** Builds the preview bridge, the web preview's stand-in for the preload, as one classic script. */
export default defineConfig({
  build: {
    outDir: resolve(import.meta.dirname, '../../out/preview'),
    emptyOutDir: true,
    lib: {
      entry: resolve(import.meta.dirname, 'bridge/preview-bridge.ts'),
      formats: ['iife'],
      name: 'ConsolePreviewBridge',
      fileName: () => 'preview-bridge.js'
    }
  }
})
