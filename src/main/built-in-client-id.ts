/// <reference types="vite/client" />
/**
 * The publisher's multi-tenant client ID, baked into a release at build time (DESIGN.md, "which cloud
 * and client ID"): it comes after the environment and the admin's Settings, so admins of a vendor's
 * release only consent. Set MAIN_VITE_M365_BUILT_IN_CLIENT_ID when running `npm run build`;
 * electron-vite exposes MAIN_VITE_* variables to the main process only, and replaces the expression
 * below with the literal value, so the running app reads no environment for it.
 */

import { isGuid } from '../shared/guid.ts'

declare global {
  // electron-vite's documented way to type a build-time variable: declare it on Vite's ImportMetaEnv.
  interface ImportMetaEnv {
    readonly MAIN_VITE_M365_BUILT_IN_CLIENT_ID?: string
  }
}

/**
 * A GUID, lowercased, or undefined: a build without one (or with a malformed one) asks for a client ID
 * in Settings, rather than failing at start-up over a value the admin cannot change.
 */
export function parseBuiltInClientId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return isGuid(trimmed) ? trimmed.toLowerCase() : undefined
}

export function builtInClientId(): string | undefined {
  // Written out in full, as `import.meta.env.NAME`: that is the expression Vite replaces. `env` is
  // absent only when this file runs in plain Node, outside a Vite build and Vitest.
  return parseBuiltInClientId(import.meta.env?.MAIN_VITE_M365_BUILT_IN_CLIENT_ID)
}
