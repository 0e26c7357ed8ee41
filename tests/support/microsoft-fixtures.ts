import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Microsoft's documented example payloads, copied byte for byte from the team's shared fixtures
 * (`../shared/fixtures/microsoft/`), so that a fresh clone can run the fidelity tests on its own.
 * SOURCES.md in that folder names where each one comes from.
 */
export const microsoftFixturesDir = join(import.meta.dirname, '../fixtures/microsoft')

/** The team's shared copy, where this checkout sits beside it. */
export const sharedFixturesDir = join(import.meta.dirname, '../../../shared/fixtures/microsoft')

export function hasSharedFixtures(): boolean {
  return existsSync(sharedFixturesDir)
}

export function readFixtureText(name: string): string {
  return readFileSync(join(microsoftFixturesDir, name), 'utf8')
}

export function readFixtureJson(name: string): unknown {
  return JSON.parse(readFixtureText(name)) as unknown
}

/** The shape of a JSON value: keys and JSON types, recursively, with arrays reduced to their first item. */
export function jsonShape(value: unknown): unknown {
  if (value === null) return 'null'
  if (Array.isArray(value)) return value.length === 0 ? [] : [jsonShape(value[0])]
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, jsonShape(item)])
    )
  }
  return typeof value
}
