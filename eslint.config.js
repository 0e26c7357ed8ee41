// @ts-check
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * The layering of DESIGN.md ("Processes and layers"), as import rules per folder.
 *
 * Each boundary is a regular expression over the import specifier, as written. Relative specifiers
 * are matched by the sibling folder under src/ they climb into (`../../main/…`), which is the only way a
 * file inside src/ can reach another layer. The same expressions are applied to `import()` through
 * no-restricted-syntax, because no-restricted-imports sees only static imports and exports; `require()`
 * is already an error in TypeScript files (@typescript-eslint/no-require-imports).
 */

/** @typedef {{ regex: string, message: string }} Boundary */

/** A relative specifier that climbs out of its folder into one of these folders of src/. */
function intoFolders(/** @type {string[]} */ folders) {
  return `^(\\.\\./)+(src/)?(${folders.join('|')})(/|$)`
}

/** Any bare specifier (a package or a Node built-in) except those matching `allowed`. */
function packagesExcept(/** @type {string} */ allowed) {
  return `^(?!\\.{1,2}/)(?!(${allowed})(/|$))`
}

/** @returns {Boundary} */
function boundary(/** @type {string} */ regex, /** @type {string} */ message) {
  return { regex, message }
}

const electron = '^electron(/|$)'
const electronStore = '^electron-store$'

/**
 * One config object per folder, because a later object's options for the same rule replace an
 * earlier one's: every folder states its whole list here, and the globs must not overlap.
 * @param {string} name
 * `notLoaded` lists what a layer may name in a type import but may not load at all, not even with import().
 * @param {{ files: string[], ignores?: string[], forbidden: Boundary[], typeImportsOnly?: Boundary[], notLoaded?: Boundary[] }} layer
 * @returns {import('eslint').Linter.Config}
 */
function layer(name, { files, ignores = [], forbidden, typeImportsOnly = [], notLoaded = [] }) {
  return {
    name: `layering/${name}`,
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map(({ regex, message }) => ({ regex, message, caseSensitive: true })),
            ...typeImportsOnly.map(({ regex, message }) => ({ regex, message, caseSensitive: true, allowTypeImports: true }))
          ]
        }
      ],
      'no-restricted-syntax': [
        'error',
        ...[...forbidden, ...notLoaded].map(({ regex, message }) => ({
          // esquery ends a regular expression at an unescaped slash.
          selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`,
          message
        }))
      ]
    }
  }
}

/** The product loads the sandbox tenant in this one file, with import(), only when it is the chosen cloud. */
const sandboxLoader = 'src/main/microsoft-cloud/microsoft-cloud.ts'
const sandboxTypesOnly = boundary(
  intoFolders(['sandbox-tenant']),
  'The product loads the sandbox tenant lazily, with import(), only when it is the chosen cloud; a static import may only bring in types.'
)
const sandboxLoadedElsewhere = boundary(intoFolders(['sandbox-tenant']), `Only ${sandboxLoader} loads the sandbox tenant; ask it for the Microsoft cloud instead.`)
const mainWorkCodeBoundaries = [
  boundary(electron, 'Only src/main/index.ts and src/main/shell/ touch Electron, so the services also run in plain Node (tests, the web preview, benchmarks).'),
  boundary(electronStore, 'Only the composition in src/main/index.ts loads electron-store; services get their store handed in.'),
  boundary(intoFolders(['preload', 'preview', 'renderer']), 'Main does not import the preload, the preview or the renderer.')
]

const layering = [
  layer('renderer', {
    files: ['src/renderer/**/*.{ts,tsx}'],
    forbidden: [
      boundary(
        packagesExcept('react|react-dom|zustand|@radix-ui'),
        'The renderer is UI only: it may import react, react-dom, zustand and @radix-ui/*, and reaches everything else through window.api.'
      ),
      boundary(
        intoFolders(['main', 'preload', 'preview', 'sandbox-tenant', 'loopback-http']),
        'The renderer imports only src/shared and its own files; main, preload, preview and the sandbox are reached through window.api.'
      )
    ]
  }),
  layer('shared', {
    files: ['src/shared/**/*.ts'],
    forbidden: [
      boundary(packagesExcept('zod'), 'src/shared is pure TypeScript for every process: it imports only zod, never Node, Electron or React.'),
      boundary(
        intoFolders(['main', 'preload', 'preview', 'renderer', 'sandbox-tenant', 'loopback-http']),
        'src/shared is imported by every layer and imports none of them.'
      )
    ]
  }),
  layer('preload', {
    files: ['src/preload/**/*.ts'],
    forbidden: [
      boundary(packagesExcept('electron'), 'The sandboxed preload maps the contract onto ipcRenderer: it imports only electron and src/shared.'),
      boundary(
        intoFolders(['main', 'preview', 'renderer', 'sandbox-tenant', 'loopback-http']),
        'The preload imports only electron and src/shared.'
      )
    ]
  }),
  layer('main work code', {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/**', sandboxLoader],
    forbidden: mainWorkCodeBoundaries,
    typeImportsOnly: [sandboxTypesOnly],
    notLoaded: [sandboxLoadedElsewhere]
  }),
  layer('main: the one place that loads the sandbox tenant', {
    files: [sandboxLoader],
    forbidden: mainWorkCodeBoundaries,
    typeImportsOnly: [sandboxTypesOnly]
  }),
  layer('main shell', {
    files: ['src/main/shell/**/*.ts'],
    forbidden: [
      boundary(electronStore, 'Only the composition in src/main/index.ts loads electron-store; the shell gets what it needs handed in.'),
      boundary(intoFolders(['preload', 'preview', 'renderer']), 'Main does not import the preload, the preview or the renderer.')
    ],
    typeImportsOnly: [sandboxTypesOnly],
    notLoaded: [sandboxLoadedElsewhere]
  }),
  layer('main composition', {
    files: ['src/main/index.ts'],
    forbidden: [boundary(intoFolders(['preload', 'preview', 'renderer']), 'Main does not import the preload, the preview or the renderer.')],
    typeImportsOnly: [sandboxTypesOnly],
    notLoaded: [sandboxLoadedElsewhere]
  }),
  layer('preview', {
    files: ['src/preview/**/*.ts'],
    forbidden: [
      boundary(electron, 'The web preview hosts the services in plain Node and in a browser: it never imports Electron.'),
      boundary(electronStore, 'Only the composition in src/main/index.ts loads electron-store; the preview hands the services its own store.')
    ]
  }),
  layer('sandbox tenant', {
    files: ['src/sandbox-tenant/**/*.ts'],
    forbidden: [
      boundary(packagesExcept('node:[^/]+|zod'), 'The sandbox tenant imports only node:*, zod and src/loopback-http.'),
      boundary(
        intoFolders(['main', 'shared', 'preview', 'renderer', 'preload']),
        'The sandbox tenant is the simulated Microsoft cloud: it imports nothing of the product (only node:*, zod and src/loopback-http).'
      )
    ]
  }),
  layer('loopback http', {
    files: ['src/loopback-http/**/*.ts'],
    forbidden: [
      boundary(packagesExcept('node:[^/]+'), 'src/loopback-http is a neutral helper: it imports only node:*.'),
      boundary(
        intoFolders(['main', 'shared', 'preview', 'renderer', 'preload', 'sandbox-tenant']),
        'src/loopback-http is a neutral helper shared by the product and the sandbox: it imports neither.'
      )
    ]
  })
]

export default defineConfig([
  globalIgnores(['out/', 'reports/', 'node_modules/', 'test-results/', 'playwright-report/', 'docs/']),
  {
    name: 'typescript',
    files: ['**/*.{ts,tsx,js}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // The root tsconfig.json references tsconfig.node.json, tsconfig.web.json and tsconfig.e2e.json,
        // and the project service finds each file's project through it. This file is in none of them, so it
        // gets the Node project's compiler options (Node's types, for import.meta.dirname).
        projectService: { allowDefaultProject: ['eslint.config.js'], defaultProject: 'tsconfig.node.json' },
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      // The two mistakes that lose a failure silently: a promise nobody awaits, and one passed where a
      // callback's result is ignored. Both are in recommendedTypeChecked; stated here so they stay errors.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `const { dropped: _dropped, ...rest } = value` is how this codebase omits a property.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }]
    }
  },
  {
    name: 'react hooks',
    files: ['src/renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended]
  },
  ...layering
])
