import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createExternalLinkPolicy, sandboxOriginOf } from '../main/external-links.ts'
import { createConsoleLogger } from '../main/logger.ts'
import { openConfStateFile } from '../main/state/conf-state-file.ts'
import { startConsole } from '../main/start-up.ts'
import { portFromEnvironmentOrExit } from '../loopback-http/parse-port.ts'
import { loadKeytarSecretStore } from '../main/microsoft-365/token-cache/keytar-secret-store.ts'
import { startPreviewServer, type PreviewServer } from './server/preview-server.ts'
import { signInTimeLimitFromEnvironment } from './server/sign-in-time-limit.ts'
import { whyThePreviewCannotStart } from './server/start-up-problem.ts'

/** `npm run preview:web`: the built console in an ordinary browser, with main's services in Node. */
const root = resolve(import.meta.dirname, '../..')
const port = portFromEnvironmentOrExit(process.env)
const logger = createConsoleLogger()
// The server starts after the services, and the services need a browser: it is looked up when used.
const opened: { server?: PreviewServer } = {}
const started = startConsole({
  env: process.env,
  defaultDataDir: join(tmpdir(), 'protection-console-preview'),
  mayUseBuiltInSandbox: true,
  openStateFile: openConfStateFile,
  logger,
  // keytar in Node, as in the app: without a keychain the sign-in lasts for this run only.
  secrets: loadKeytarSecretStore(),
  // The same allowlist as the app's shell.openExternal: Microsoft's pages, and loopback only for the
  // sandbox in use now (Settings may have switched it since start-up).
  openBrowser: async (url) => {
    const cloud = await services.currentCloud()
    if (!createExternalLinkPolicy({ sandboxOrigin: sandboxOriginOf(cloud) })(url)) throw new Error('refused to open a URL outside the allowlist')
    if (!opened.server?.openInBrowser(url)) console.log(`Open this address in your browser to sign in:\n${url}`)
  },
  // A browser tab has no OS notifications to spare; the log says what the app would have shown.
  notify: ({ title }) => logger.info('a desktop notification would show', { title }),
  ...signInTimeLimitFromEnvironment(process.env)
})
if (!started.started) {
  // Exit code 2, like a bad PORT: the setting or the folder needs fixing before a retry can help.
  console.error(started.failure.message)
  process.exit(2)
}
const { config, services } = started.console

const [microsoftCloud, startedServer] = await Promise.all([
  started.console.microsoftCloud,
  startPreviewServer({
    handlers: services.handlers,
    events: services.events,
    logger,
    rendererDir: join(root, 'out/renderer'),
    bridgeFile: join(root, 'out/preview/preview-bridge.js'),
    port
  })
]).catch((error: unknown) => {
  logger.error('the web preview could not start', { error })
  console.error(whyThePreviewCannotStart(error, port))
  process.exit(2)
})

opened.server = startedServer
console.log('Protection Console web preview (development only). Data folder:', config.dataDir)
// On a line of its own, so that people and tools can take it as it is. It works once.
console.log(startedServer.tokenUrl)
if (microsoftCloud.kind === 'builtInSandbox') {
  console.log(`sandbox tenant (no M365_CLIENT_ID set): ${microsoftCloud.sandboxBaseUrl ?? ''} client_id ${microsoftCloud.clientId}`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void Promise.all([startedServer.close(), services.close()]).then(() => process.exit(0)))
}
