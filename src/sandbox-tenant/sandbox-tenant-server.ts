import { setTimeout as sleep } from 'node:timers/promises'
import { createEntraService } from './entra/entra-service.ts'
import { createGraphService } from './graph/graph-service.ts'
import { createManagementService } from './management/management-service.ts'
import { createScenarioControlService } from './scenario/scenario-control-service.ts'
import { SandboxScenario } from './scenario/sandbox-scenario.ts'
import { ServiceFaults, type SandboxService } from './scenario/service-faults.ts'
import { defaultTokenAnswers } from './scenario/token-answers.ts'
import { defaultTokenLifetimes } from './scenario/token-lifetimes.ts'
import { AccessTokens } from './tokens/access-tokens.ts'
import { createJwtSigner } from './tokens/jwt-signer.ts'
import { RefreshTokens } from './tokens/refresh-tokens.ts'
import { microsoftGraph, officeManagementApis } from './world/resource-apis.ts'
import { describeSeededAccounts, sandboxIds, seedTenantWorld, type SeededAccount } from './world/seed-world.ts'
import type { SandboxContext } from './sandbox-context.ts'
import type { SandboxRequest, SandboxResponse, SandboxServiceHandler } from './http/sandbox-http.ts'
import { listenOnLoopback } from './http/loopback-http-server.ts'

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
   * How many requests have reached the token endpoint since the sandbox started, so that a test can
   * show that a client served a token from its cache without asking.
   */
  tokenRequests(): number
  /**
   * Issues an access token without the sign-in pages, for tests and tools that exercise a resource
   * API on its own. It is signed like every other token, so the resource APIs cannot tell.
   */
  issueAccessToken(request: { userPrincipalName: string; resource: 'graph' | 'management'; scopes: readonly string[] }): string
  close(): Promise<void>
}

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
    tokenAnswers: { ...defaultTokenAnswers },
    signer,
    accessTokens: new AccessTokens(signer, now),
    refreshTokens,
    now,
    traffic: { tokenRequests: 0 },
    resetHooks: []
  }
  const scenario = new SandboxScenario(context)
  const services: Record<SandboxService, SandboxServiceHandler> = {
    entra: createEntraService(context),
    graph: createGraphService(context),
    management: createManagementService(context)
  }
  const control = createScenarioControlService(scenario)

  async function handle(request: SandboxRequest): Promise<SandboxResponse> {
    if (request.url.pathname.startsWith('/_sandbox/')) return control(request)
    const serviceName = serviceFor(request.url.pathname)
    const service = services[serviceName]
    try {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs)
      const fault = faults.takeFault(serviceName)
      return fault ? service.faultResponse(fault, request) : await service.handle(request)
    } catch {
      return service.internalErrorResponse(request)
    }
  }

  const server = await listenOnLoopback(options.port ?? 0, handle)
  context.baseUrl = `http://127.0.0.1:${server.port}/`

  return {
    baseUrl: context.baseUrl,
    clientId: sandboxIds.clientId,
    tenantId: sandboxIds.contosoTenantId,
    accounts: describeSeededAccounts(world),
    scenario,
    tokenRequests: () => context.traffic.tokenRequests,
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
    close: () => server.close()
  }
}

function serviceFor(pathname: string): SandboxService {
  if (pathname === '/v1.0' || pathname.startsWith('/v1.0/')) return 'graph'
  if (pathname.startsWith('/api/v1.0/')) return 'management'
  return 'entra'
}
