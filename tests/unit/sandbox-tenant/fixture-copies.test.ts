import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasSharedFixtures, microsoftFixturesDir, sharedFixturesDir } from '../../support/microsoft-fixtures.ts'

describe("the repository's copy of Microsoft's example payloads", () => {
  it('has every file that SOURCES.md names', () => {
    const sources = readFileSync(join(microsoftFixturesDir, 'SOURCES.md'), 'utf8')
    const named = [...sources.matchAll(/^- `([^`]+\.(?:json|txt|csv))`/gm)].flatMap((match) => expandBraces(match[1] ?? ''))
    expect(named.length).toBeGreaterThan(40)
    const present = new Set(readdirSync(microsoftFixturesDir))
    expect(named.filter((name) => !present.has(name))).toEqual([])
  })

  it.skipIf(!hasSharedFixtures())(
    'is byte for byte the team\'s shared copy (skipped where ../shared is not beside the checkout)',
    () => {
      const ours = readdirSync(microsoftFixturesDir).sort()
      expect(readdirSync(sharedFixturesDir).sort()).toEqual(ours)
      for (const name of ours) {
        expect(readFileSync(join(microsoftFixturesDir, name)).equals(readFileSync(join(sharedFixturesDir, name))), name).toBe(true)
      }
    }
  )
})

/** SOURCES.md names pairs as `v{1,2}`. */
function expandBraces(name: string): string[] {
  const match = /\{([^}]+)\}/.exec(name)
  if (!match?.[1]) return [name]
  return match[1].split(',').flatMap((part) => expandBraces(name.replace(match[0], part)))
}
