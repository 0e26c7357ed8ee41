import { join } from 'node:path'
import { ESLint, type Linter } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'

/**
 * Proves the lint gate can fail: eslint.config.js is loaded as `npm run lint` loads it, and snippets
 * that cross a layer are linted as if they lived in each folder. A forbidden import must be reported and
 * an allowed one must not, so a boundary that silently stopped matching fails here.
 */

const root = join(import.meta.dirname, '../..')

// The probe files do not exist, so the project service has no tsconfig for them; the import
// boundaries need no type information, so they are checked without it.
const withoutTypes = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked as Linter.Config })

const boundaryRules = new Set(['no-restricted-imports', 'no-restricted-syntax'])

async function lint(eslint: ESLint, filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) })
  const messages = result?.messages ?? []
  // A file the config does not parse reports nothing else, which would make "allowed" pass vacuously.
  expect(messages.filter((message) => message.fatal)).toEqual([])
  return messages
}

async function boundaryFindings(filePath: string, code: string): Promise<string[]> {
  const messages = await lint(withoutTypes, filePath, code)
  return messages.filter((message) => message.ruleId !== null && boundaryRules.has(message.ruleId)).map((message) => message.message)
}

interface Layer {
  /** A file that does not exist, inside the folder whose rules apply. */
  probe: string
  forbidden: string[]
  allowed: string[]
}

const layers: Record<string, Layer> = {
  'src/renderer': {
    probe: 'src/renderer/src/components/BoundaryProbe.tsx',
    forbidden: [
      "import { ipcRenderer } from 'electron'",
      "import { readFile } from 'node:fs'",
      "import { readFile } from 'fs'",
      "import keytar from 'keytar'",
      "import { PublicClientApplication } from '@azure/msal-node'",
      "import Conf from 'conf'",
      "import ElectronStore from 'electron-store'",
      "import { createConsoleServices } from '../../../main/composition.ts'",
      "import { createPreviewBridge } from '../../../preview/bridge/preview-bridge.ts'",
      "import { startSandboxTenant } from '../../../sandbox-tenant/sandbox-tenant-server.ts'",
      "import { consoleApi } from '../../../preload/console-api.ts'",
      "export { ipcRenderer } from 'electron'",
      "export const electron = await import('electron')"
    ],
    allowed: [
      "import { useState } from 'react'",
      "import { createRoot } from 'react-dom/client'",
      "import { create } from 'zustand'",
      "import * as Dialog from '@radix-ui/react-dialog'",
      "import { methodNames } from '../../../shared/contract.ts'",
      "import { useConsoleStore } from '../store/console-store.ts'",
      "import { ConsoleDialog } from './Dialog.tsx'"
    ]
  },
  'src/shared': {
    probe: 'src/shared/boundary-probe.ts',
    forbidden: [
      "import { ipcMain } from 'electron'",
      "import { join } from 'node:path'",
      "import { join } from 'path'",
      "import { useState } from 'react'",
      "import { silentLogger } from '../main/logger.ts'",
      "import { App } from '../renderer/src/App.tsx'"
    ],
    allowed: ["import { z } from 'zod'", "import { methodNames } from './contract.ts'"]
  },
  'src/main (work code)': {
    probe: 'src/main/state/boundary-probe.ts',
    forbidden: [
      "import { app } from 'electron'",
      "import { app } from 'electron/main'",
      "import type { Session } from 'electron'",
      "import ElectronStore from 'electron-store'",
      "export const electron = await import('electron')",
      "export const store = await import('electron-store')",
      "import { startSandboxTenant } from '../../sandbox-tenant/sandbox-tenant-server.ts'",
      "export const sandbox = await import('../../sandbox-tenant/sandbox-tenant-server.ts')",
      "import { App } from '../../renderer/src/App.tsx'",
      "import { consoleApi } from '../../preload/console-api.ts'"
    ],
    allowed: [
      "import { readFile } from 'node:fs/promises'",
      "import Conf from 'conf'",
      "import { z } from 'zod'",
      "import { methodNames } from '../../shared/contract.ts'",
      "import type { SandboxTenant } from '../../sandbox-tenant/sandbox-tenant-server.ts'"
    ]
  },
  'src/main/microsoft-cloud/microsoft-cloud.ts, the one place that loads the sandbox': {
    probe: 'src/main/microsoft-cloud/microsoft-cloud.ts',
    forbidden: [
      "import { app } from 'electron'",
      "import { startSandboxTenant } from '../../sandbox-tenant/sandbox-tenant-server.ts'",
      "import { App } from '../../renderer/src/App.tsx'"
    ],
    allowed: [
      "import type { SandboxTenant } from '../../sandbox-tenant/sandbox-tenant-server.ts'",
      "export const sandbox = await import('../../sandbox-tenant/sandbox-tenant-server.ts')"
    ]
  },
  'src/main/shell': {
    probe: 'src/main/shell/boundary-probe.ts',
    forbidden: ["import ElectronStore from 'electron-store'", "export const sandbox = await import('../../sandbox-tenant/sandbox-tenant-server.ts')"],
    allowed: ["import { BrowserWindow, ipcMain } from 'electron'", "import { createDispatcher } from '../ipc/dispatcher.ts'"]
  },
  'src/main/index.ts': {
    probe: 'src/main/index.ts',
    forbidden: ["import { App } from '../renderer/src/App.tsx'", "export const sandbox = await import('../sandbox-tenant/sandbox-tenant-server.ts')"],
    allowed: ["import { app } from 'electron'", "import ElectronStore from 'electron-store'"]
  },
  'src/preview': {
    probe: 'src/preview/server/boundary-probe.ts',
    forbidden: ["import { app } from 'electron'", "import ElectronStore from 'electron-store'"],
    allowed: ["import { createServer } from 'node:http'", "import { createConsoleServices } from '../../main/composition.ts'"]
  },
  'src/sandbox-tenant': {
    probe: 'src/sandbox-tenant/entra/boundary-probe.ts',
    forbidden: [
      "import { silentLogger } from '../../main/logger.ts'",
      "import { methodNames } from '../../shared/contract.ts'",
      "import { startPreview } from '../../preview/main.ts'",
      "import { App } from '../../renderer/src/App.tsx'",
      "import { consoleApi } from '../../preload/console-api.ts'",
      "import { app } from 'electron'",
      "import { useState } from 'react'",
      "export const logger = await import('../../main/logger.ts')"
    ],
    allowed: [
      "import { createServer } from 'node:http'",
      "import { z } from 'zod'",
      "import { readBody } from '../../loopback-http/read-body.ts'",
      "import { TenantWorld } from '../world/tenant-world.ts'",
      "import { sandboxHttp } from '../http/sandbox-http.ts'"
    ]
  },
  'src/loopback-http': {
    probe: 'src/loopback-http/boundary-probe.ts',
    forbidden: [
      "import { z } from 'zod'",
      "import { createServer } from 'http'",
      "import { methodNames } from '../shared/contract.ts'",
      "import { silentLogger } from '../main/logger.ts'",
      "import { startSandboxTenant } from '../sandbox-tenant/sandbox-tenant-server.ts'"
    ],
    allowed: ["import { createServer } from 'node:http'", "import { readBody } from './read-body.ts'"]
  },
  'src/preload': {
    probe: 'src/preload/boundary-probe.ts',
    forbidden: [
      "import { readFile } from 'node:fs'",
      "import { useState } from 'react'",
      "import { silentLogger } from '../main/logger.ts'",
      "import { App } from '../renderer/src/App.tsx'"
    ],
    allowed: [
      "import { contextBridge, ipcRenderer } from 'electron'",
      "import { methodNames } from '../shared/contract.ts'",
      "import { consoleApi } from './console-api.ts'"
    ]
  }
}

describe('the lint gate keeps the layering', () => {
  for (const [folder, { probe, forbidden, allowed }] of Object.entries(layers)) {
    describe(folder, () => {
      it.each(forbidden)('reports %s', async (line) => {
        expect(await boundaryFindings(probe, `${line}\n`)).not.toEqual([])
      })

      it.each(allowed)('allows %s', async (line) => {
        expect(await boundaryFindings(probe, `${line}\n`)).toEqual([])
      })
    })
  }
})

describe('the lint gate checks React hooks in the renderer', () => {
  it('reports a hook called conditionally', async () => {
    const component = [
      "import { useState } from 'react'",
      'export function Probe({ open }: { open: boolean }) {',
      '  if (open) useState(0)',
      '  return null',
      '}',
      ''
    ].join('\n')
    const messages = await lint(withoutTypes, 'src/renderer/src/components/HooksProbe.tsx', component)
    expect(messages.map((message) => message.ruleId)).toContain('react-hooks/rules-of-hooks')
  })
})

describe('the lint gate uses type information', () => {
  // Type-aware rules need a file the project service knows, so the probe borrows a real file's path;
  // lintText lints the given text and leaves the file alone.
  const withTypes = new ESLint({ cwd: root })
  const knownFile = 'src/main/index.ts'

  it('reports a promise nobody awaits, and one handed to a callback that ignores it', { timeout: 120_000 }, async () => {
    const code = [
      'async function save(): Promise<void> {',
      '  await Promise.resolve()',
      '}',
      'export function saveAll(items: number[]): void {',
      '  items.forEach(async () => {',
      '    await save()',
      '  })',
      '  save()',
      '}',
      ''
    ].join('\n')
    const rules = (await lint(withTypes, knownFile, code)).map((message) => message.ruleId)
    expect(rules).toContain('@typescript-eslint/no-floating-promises')
    expect(rules).toContain('@typescript-eslint/no-misused-promises')
  })
})
