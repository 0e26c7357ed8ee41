/// <reference types="vite/client" />
import type { ConsoleApi } from '../../shared/contract.ts'

declare global {
  interface Window {
    /** Exposed by the preload bridge in the app, and by the preview bridge in the web preview. */
    readonly api: ConsoleApi
  }
}
