import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createConsoleServices } from '../main/composition.ts'
import { readConsoleConfig } from '../main/console-config.ts'
import { createConsoleLogger } from '../main/logger.ts'
import { openConfStateFile } from '../main/state/conf-state-file.ts'
import { startPreviewServer } from './server/preview-server.ts'

/** `npm run preview:web`: the built console in an ordinary browser, with main's services in Node. */
const root = resolve(import.meta.dirname, '../..')
const logger = createConsoleLogger()
const config = readConsoleConfig(process.env, join(tmpdir(), 'protection-console-preview'))
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

const server = await startPreviewServer({
  handlers: services.handlers,
  events: services.events,
  logger,
  rendererDir: join(root, 'out/renderer'),
  bridgeFile: join(root, 'out/preview/preview-bridge.js'),
  port
})

console.log('Protection Console web preview (development only). Data folder:', config.dataDir)
console.log(server.url)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void server.close().then(() => process.exit(0)))
}
