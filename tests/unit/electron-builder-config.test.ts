import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * electron-builder cannot run here (no Electron binary, no network), so this holds electron-builder.yml
 * to what the installers promise. js-yaml is not a dependency of ours: it is electron-builder's and
 * electron-updater's own YAML parser, loaded by name and typed by hand (it ships no types).
 */
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown }

const root = resolve(import.meta.dirname, '../..')

interface TargetEntry {
  target: string
  arch: string[]
}
interface BuilderConfig {
  appId: string
  productName: string
  directories: { buildResources: string; output: string }
  files: string[]
  asar: boolean
  asarUnpack: string[]
  npmRebuild: boolean
  electronFuses: Record<string, boolean>
  publish: { provider: string; owner?: string; repo?: string; url?: string }
  win: { icon: string; target: TargetEntry[] }
  nsis: Record<string, unknown>
  mac: { icon: string; target: TargetEntry[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize: boolean }
  linux: { icon: string; target: TargetEntry[] }
}

const config = load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig

function targets(entries: TargetEntry[]): Record<string, string[]> {
  return Object.fromEntries(entries.map(({ target, arch }) => [target, [...arch].sort()]))
}

/** An icon or entitlements path as electron-builder resolves it: in buildResources first, then from the project. */
function resourceExists(path: string): boolean {
  return existsSync(resolve(root, config.directories.buildResources, path)) || existsSync(resolve(root, path))
}

describe('electron-builder.yml', () => {
  it('names the app, and takes icons and entitlements from resources/', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/)
    expect(config.productName).toBe('Protection Console')
    expect(config.directories.buildResources).toBe('resources')
  })

  it('packs the built app only: out/, without the web preview and source maps', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', '!out/preview/**', '!**/*.map']))
  })

  it('packs into an asar, with keytar’s native module unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack.some((pattern) => pattern === 'node_modules/keytar/**' || pattern === '**/*.node')).toBe(true)
    expect(config.npmRebuild).toBe(true)
  })

  it('flips the fuses that shut the ways of running other code in our process', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('builds an NSIS installer for x64 and arm64 on Windows', () => {
    expect(targets(config.win.target)).toEqual({ nsis: ['arm64', 'x64'] })
  })

  it('installs per user by default, with shortcuts, and leaves user data on uninstall', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false
    })
  })

  it('builds a dmg and a zip for x64 and arm64 on macOS, hardened, with entitlements and notarization', () => {
    expect(targets(config.mac.target)).toEqual({ dmg: ['arm64', 'x64'], zip: ['arm64', 'x64'] })
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.mac.notarize).toBe(true)
    expect(config.mac.entitlements).toBe('resources/entitlements.mac.plist')
    expect(config.mac.entitlementsInherit).toBe('resources/entitlements.mac.inherit.plist')
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      expect(resourceExists(file), file).toBe(true)
      // Only what Electron's V8 needs; nothing that would weaken library validation.
      const plist = readFileSync(resolve(root, file), 'utf8').replace(/<!--[\s\S]*?-->/g, '')
      expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map(([, key]) => key), file).toEqual(['com.apple.security.cs.allow-jit'])
    }
  })

  it('builds an AppImage on Linux', () => {
    expect(targets(config.linux.target)).toEqual({ AppImage: ['x64'] })
  })

  it('names an icon per platform that exists', () => {
    expect(config.win.icon).toMatch(/\.ico$/)
    expect(config.mac.icon).toMatch(/\.icns$/)
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon, String(config.nsis.installerIcon)]) expect(resourceExists(icon), icon).toBe(true)
  })

  it('publishes to GitHub releases, where electron-updater looks', () => {
    expect(config.publish.provider).toBe('github')
    expect(config.publish.owner).toMatch(/\S/)
    expect(config.publish.repo).toMatch(/\S/)
  })
})
