import { startSandboxTenant } from './sandbox-tenant-server.ts'

/** `npm run sandbox`: the sandbox tenant on its own, for people and other tools. */
const port = parsePort(process.env.PORT)
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

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    console.error(`PORT must be a whole number from 0 to 65535, not "${value}".`)
    process.exit(2)
  }
  return parsed
}
