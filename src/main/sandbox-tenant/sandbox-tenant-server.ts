import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { createEntraService } from './entra/entra-service.ts'
import { createGraphService } from './graph/graph-service.ts'
import { createManagementService } from './management/management-service.ts'
import { createScenarioControlService } from './scenario/scenario-control-service.ts'
import { SandboxScenario } from './scenario/sandbox-scenario.ts'
import { ServiceFaults, type SandboxService } from './scenario/service-faults.ts'
import { defaultTokenLifetimes } from './scenario/token-lifetimes.ts'
import { AccessTokens } from './tokens/access-tokens.ts'
import { createJwtSigner } from './tokens/jwt-signer.ts'
import { RefreshTokens } from './tokens/refresh-tokens.ts'
import { microsoftGraph, officeManagementApis } from './world/resource-apis.ts'
import { describeSeededAccounts, sandboxIds, seedTenantWorld, type SeededAccount } from './world/seed-world.ts'
import type { SandboxContext } from './sandbox-context.ts'
import type { SandboxRequest, SandboxResponse, SandboxServiceHandler } from './http/sandbox-http.ts'
import { jsonResponse } from './http/sandbox-http.ts'

export interface SandboxTenantOptions {
  /** 0 or absent picks a free port. */
  port?: number
  now?: () => number
}

export interface SandboxTenant {
  /** `http://127.0.0.1:PORT/`, with the trailing slash. */
  baseUrl: string
  clientId: string
  tenantId: string
  accounts: SeededAccount[]
  scenario: SandboxScenario
  /**
   * Issues an access token without the sign-in pages, for tests and tools that exercise a resource
   * API on its own. It is signed like every other token, so the resource APIs cannot tell.
   */
  issueAccessToken(request: { userPrincipalName: string; resource: 'graph' | 'management'; scopes: readonly string[] }): string
  close(): Promise<void>
}

const maxBodyBytes = 1024 * 1024

/** Starts one sandbox tenant world on loopback: Entra ID, Microsoft Graph and the Management Activity API. */
export async function startSandboxTenant(options: SandboxTenantOptions = {}): Promise<SandboxTenant> {
  const now = options.now ?? Date.now
  const world = seedTenantWorld(now)
  const signer = await createJwtSigner()
  const faults = new ServiceFaults()
  const refreshTokens = new RefreshTokens()
  const context: SandboxContext = {
    baseUrl: '',
    world,
    faults,
    tokenLifetimes: { ...defaultTokenLifetimes },
    signer,
    accessTokens: new AccessTokens(signer, world, now),
    refreshTokens,
    now
  }
  const scenario = new SandboxScenario(context)
  const services: Record<SandboxService, SandboxServiceHandler> = {
    entra: createEntraService(context),
    graph: createGraphService(context),
    management: createManagementService(context)
  }
  const control = createScenarioControlService(scenario)

  const server = createServer((incoming, outgoing) => {
    void serve(incoming, outgoing)
  })

  async function serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const request = await readRequest(incoming, context.baseUrl).catch(() => undefined)
    if (request === undefined) {
      write(outgoing, jsonResponse(400, { error: { code: 'BadRequest', message: 'The request could not be read.' } }))
      return
    }
    if (!request) {
      write(outgoing, jsonResponse(413, { error: { code: 'RequestEntityTooLarge', message: 'The request body is too large.' } }))
      return
    }
    if (request.url.pathname.startsWith('/_sandbox/')) {
      write(outgoing, await control(request))
      return
    }
    const serviceName = serviceFor(request.url.pathname)
    const service = services[serviceName]
    try {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs)
      const fault = faults.takeFault(serviceName)
      write(outgoing, fault ? service.faultResponse(fault, request) : await service.handle(request))
    } catch {
      write(outgoing, service.internalErrorResponse(request))
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  context.baseUrl = `http://127.0.0.1:${port}/`

  return {
    baseUrl: context.baseUrl,
    clientId: sandboxIds.clientId,
    tenantId: sandboxIds.contosoTenantId,
    accounts: describeSeededAccounts(world),
    scenario,
    issueAccessToken: ({ userPrincipalName, resource, scopes }) => {
      const user = world.findUserByName(userPrincipalName)
      if (!user) throw new Error(`No account ${userPrincipalName} in the sandbox.`)
      return context.accessTokens.issue({
        user,
        clientAppId: world.clientApplication.appId,
        clientDisplayName: world.clientApplication.displayName,
        resource: resource === 'graph' ? microsoftGraph : officeManagementApis,
        scopes,
        lifetimeSeconds: context.tokenLifetimes.accessTokenSeconds
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function serviceFor(pathname: string): SandboxService {
  if (pathname === '/v1.0' || pathname.startsWith('/v1.0/')) return 'graph'
  if (pathname.startsWith('/api/v1.0/')) return 'management'
  return 'entra'
}

async function readRequest(incoming: IncomingMessage, baseUrl: string): Promise<SandboxRequest | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of incoming) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > maxBodyBytes) return null
    chunks.push(buffer)
  }
  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    url: new URL(incoming.url ?? '/', baseUrl),
    headers: incoming.headers,
    body: Buffer.concat(chunks)
  }
}

function write(outgoing: ServerResponse, response: SandboxResponse): void {
  outgoing.writeHead(response.status, {
    Date: new Date().toUTCString(),
    ...response.headers,
    ...(response.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(response.body)) })
  })
  outgoing.end(response.body)
}
