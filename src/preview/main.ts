import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createConsoleServices } from '../main/composition.ts'
import { readConsoleConfig, type ConsoleConfig } from '../main/console-config.ts'
import { createConsoleLogger } from '../main/logger.ts'
import { MicrosoftCloudConfigError } from '../main/microsoft-cloud/microsoft-cloud-config.ts'
import { openMicrosoftCloud } from '../main/microsoft-cloud/microsoft-cloud.ts'
import { openConfStateFile } from '../main/state/conf-state-file.ts'
import { startPreviewServer } from './server/preview-server.ts'

/** `npm run preview:web`: the built console in an ordinary browser, with main's services in Node. */
const root = resolve(import.meta.dirname, '../..')
const logger = createConsoleLogger()
const config = readConfigOrExit()
const services = createConsoleServices({
  dataDir: config.dataDir,
  logger,
  openStateFile: openConfStateFile
})

const port = process.env.PORT ? Number.parseInt(process.env.PORT, 10) : 0
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not “${process.env.PORT}”.`)
  process.exit(2)
}

const [microsoftCloud, server] = await Promise.all([
  openMicrosoftCloud(config.microsoftCloud),
  startPreviewServer({
    handlers: services.handlers,
    events: services.events,
    logger,
    rendererDir: join(root, 'out/renderer'),
    bridgeFile: join(root, 'out/preview/preview-bridge.js'),
    port
  })
])

console.log('Protection Console web preview (development only). Data folder:', config.dataDir)
console.log(server.url)
if (microsoftCloud.sandbox) {
  console.log(`sandbox tenant (no M365_CLIENT_ID set): ${microsoftCloud.sandbox.baseUrl} client_id ${microsoftCloud.sandbox.clientId}`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void Promise.all([server.close(), microsoftCloud.close()]).then(() => process.exit(0)))
}

function readConfigOrExit(): ConsoleConfig {
  try {
    return readConsoleConfig({ env: process.env, defaultDataDir: join(tmpdir(), 'protection-console-preview'), mayUseBuiltInSandbox: true })
  } catch (error) {
    if (!(error instanceof MicrosoftCloudConfigError)) throw error
    console.error(error.message)
    process.exit(2)
  }
}
