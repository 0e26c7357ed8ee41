import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createConsoleLogger } from '../main/logger.ts'
import { openConfStateFile } from '../main/state/conf-state-file.ts'
import { startConsole } from '../main/start-up.ts'
import { portFromEnvironmentOrExit } from '../loopback-http/parse-port.ts'
import { startPreviewServer } from './server/preview-server.ts'
import { whyThePreviewCannotStart } from './server/start-up-problem.ts'

/** `npm run preview:web`: the built console in an ordinary browser, with main's services in Node. */
const root = resolve(import.meta.dirname, '../..')
const port = portFromEnvironmentOrExit(process.env)
const logger = createConsoleLogger()
const started = startConsole({
  env: process.env,
  defaultDataDir: join(tmpdir(), 'protection-console-preview'),
  mayUseBuiltInSandbox: true,
  openStateFile: openConfStateFile,
  logger
})
if (!started.started) {
  // Exit code 2, like a bad PORT: the setting or the folder needs fixing before a retry can help.
  console.error(started.failure.message)
  process.exit(2)
}
const { config, services } = started.console

const [microsoftCloud, server] = await Promise.all([
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

console.log('Protection Console web preview (development only). Data folder:', config.dataDir)
// On a line of its own, so that people and tools can take it as it is. It works once.
console.log(server.tokenUrl)
if (microsoftCloud.sandbox) {
  console.log(`sandbox tenant (no M365_CLIENT_ID set): ${microsoftCloud.sandbox.baseUrl} client_id ${microsoftCloud.sandbox.clientId}`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void Promise.all([server.close(), microsoftCloud.close()]).then(() => process.exit(0)))
}
