import { portFromEnvironmentOrExit } from '../loopback-http/parse-port.ts'
import { startSandboxTenant } from './sandbox-tenant-server.ts'

/** `npm run sandbox`: the sandbox tenant on its own, for people and other tools. */
const port = portFromEnvironmentOrExit(process.env)
const sandbox = await startSandboxTenant({ port })

console.log(sandbox.baseUrl)
console.log(`client_id: ${sandbox.clientId}`)
console.log(`tenant_id: ${sandbox.tenantId}`)
console.log('accounts:')
for (const account of sandbox.accounts) console.log(`  ${account.userPrincipalName}  ${account.description}`)
console.log(`scenario controls: GET/POST ${sandbox.baseUrl}_sandbox/scenario, POST ${sandbox.baseUrl}_sandbox/reset`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0))
  })
}
