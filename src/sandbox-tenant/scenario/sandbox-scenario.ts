import { cloudApplicationAdministrator, globalAdministrator } from '../world/directory-roles.ts'
import { findPermission, microsoftGraph, officeManagementApis, type ResourceApi } from '../world/resource-apis.ts'
import { sandboxIds, seedTenantWorld } from '../world/seed-world.ts'
import type { TenantRecord, UserRecord } from '../world/world-records.ts'
import { resolvePermission } from './permission-names.ts'
import { ScenarioError } from './scenario-error.ts'
import { describeScenario, type GrantedPermissions, type ScenarioSnapshot } from './scenario-snapshot.ts'
import { sandboxServices, type SandboxService } from './service-faults.ts'
import { setTenantWideScopes, tenantWideScopes } from './tenant-wide-grant.ts'
import { subscriptionsFor, type SubscriptionScenario } from './subscription-plans.ts'
import { defaultTokenAnswers } from './token-answers.ts'
import { defaultTokenLifetimes, type TokenLifetimes } from './token-lifetimes.ts'
import type { SandboxContext } from '../sandbox-context.ts'

export type ServiceSelector = SandboxService | 'all'

/**
 * The programmatic scenario controls: they change the primary tenant's world (Contoso), the way an
 * administrator or an incident at Microsoft would, so that tests can show what the console does then.
 * Every control that touches accounts or their tokens touches Contoso's only, with or without a
 * UPN, and a UPN must name a Contoso account: Fabrikam stays as seeded, a second tenant to compare with.
 */
export class SandboxScenario {
  private readonly context: SandboxContext

  constructor(context: SandboxContext) {
    this.context = context
  }

  /**
   * Makes one account the Global Administrator, or nobody. A demoted account keeps Cloud Application
   * Administrator, so it can still sign in and consent, and only the console's own check can stop it.
   */
  setGlobalAdministrator(userPrincipalName: string | null): void {
    const chosen = userPrincipalName === null ? undefined : this.requireUser(userPrincipalName)
    for (const user of this.context.world.usersOf(this.tenant().id)) {
      if (user === chosen) continue
      if (user.roleTemplateIds.delete(globalAdministrator.roleTemplateId)) {
        user.roleTemplateIds.add(cloudApplicationAdministrator.roleTemplateId)
      }
    }
    chosen?.roleTemplateIds.add(globalAdministrator.roleTemplateId)
  }

  setSubscription(plan: SubscriptionScenario): void {
    this.tenant().subscriptions = subscriptionsFor(plan)
  }

  setAuditLog(enabled: boolean): void {
    this.tenant().auditLogEnabled = enabled
  }

  /** What the console's tenant-wide grant holds, per resource. */
  grantedPermissions(): GrantedPermissions {
    return {
      graph: this.tenantWideScopes(microsoftGraph),
      management: this.tenantWideScopes(officeManagementApis)
    }
  }

  setGrantedPermissions(permissions: Partial<GrantedPermissions>): void {
    if (permissions.graph) this.setTenantWideScopes(microsoftGraph, permissions.graph)
    if (permissions.management) this.setTenantWideScopes(officeManagementApis, permissions.management)
  }

  /** Removes one permission, named like `User.Read` or `https://manage.office.com/ActivityFeed.Read`. */
  removeGrantedPermission(permission: string): void {
    const { api, value } = resolvePermission(permission)
    this.setTenantWideScopes(
      api,
      this.tenantWideScopes(api).filter((scope) => scope.toLowerCase() !== value.toLowerCase())
    )
  }

  addGrantedPermission(permission: string): void {
    const { api, value } = resolvePermission(permission)
    this.setTenantWideScopes(api, [...this.tenantWideScopes(api), value])
  }

  /** Removes every grant the console holds, as an admin does under Enterprise applications. */
  revokeConsent(): void {
    this.context.world.revokeConsent(this.tenant().id, sandboxIds.clientId)
  }

  /** Revokes the refresh tokens issued so far, as a password reset or "Revoke sessions" does. */
  revokeRefreshTokens(userPrincipalName?: string): void {
    const now = this.context.now()
    for (const user of this.usersFor(userPrincipalName)) {
      user.tokensValidFrom = now
      user.refreshTokenRevocations += 1
    }
  }

  /** Ages Contoso's refresh tokens past their lifetime, as long inactivity does. */
  expireRefreshTokens(): void {
    this.context.refreshTokens.expireAll(this.context.now(), this.tenant().id)
  }

  /** Makes Contoso's Conditional Access require multifactor authentication for token requests. */
  requireMfa(required: boolean, userPrincipalName?: string): void {
    for (const user of this.usersFor(userPrincipalName)) user.mfaRequired = required
  }

  /** Answers 503 for a service; `requests` limits it to that many answers. */
  setOutage(service: ServiceSelector, requests: number | null = null): void {
    for (const name of servicesOf(service)) this.context.faults.outages.set(name, { remaining: requests })
  }

  endOutage(service: ServiceSelector = 'all'): void {
    for (const name of servicesOf(service)) this.context.faults.outages.delete(name)
  }

  /** Answers 429 with `Retry-After`; `requests` limits it to that many answers. */
  throttle(service: ServiceSelector, retryAfterSeconds: number, requests: number | null = null): void {
    for (const name of servicesOf(service)) {
      this.context.faults.throttling.set(name, { retryAfterSeconds, remaining: requests })
    }
  }

  endThrottling(service: ServiceSelector = 'all'): void {
    for (const name of servicesOf(service)) this.context.faults.throttling.delete(name)
    if (service === 'all' || service === 'graph') this.endBatchItemThrottling()
  }

  /** Answers 429 with `Retry-After` for single requests inside Graph `$batch`es, while the batch answers 200. */
  throttleBatchItems(retryAfterSeconds: number, requests: number | null = null): void {
    this.context.faults.batchItemThrottling = { retryAfterSeconds, remaining: requests }
  }

  endBatchItemThrottling(): void {
    this.context.faults.batchItemThrottling = null
  }

  setLatency(milliseconds: number): void {
    this.context.faults.latencyMs = Math.max(0, milliseconds)
  }

  setTokenLifetimes(lifetimes: Partial<TokenLifetimes>): void {
    Object.assign(this.context.tokenLifetimes, lifetimes)
  }

  /** Whether a `.default` answer ends with the literal `…/.default`, as captured Entra answers do (the default). */
  echoDefaultScope(echo: boolean): void {
    this.context.tokenAnswers.echoDefaultScope = echo
  }

  /** Puts the world back as it was seeded, and drops every fault and issued refresh token. */
  reset(): void {
    this.context.world.replaceWith(seedTenantWorld(this.context.now))
    this.context.faults.clear()
    this.context.refreshTokens.clear()
    Object.assign(this.context.tokenLifetimes, defaultTokenLifetimes)
    Object.assign(this.context.tokenAnswers, defaultTokenAnswers)
    for (const forget of this.context.resetHooks) forget()
  }

  snapshot(): ScenarioSnapshot {
    return describeScenario(this.context, this.tenant(), this.grantedPermissions())
  }

  /** Throws ScenarioError unless the primary tenant has this account. */
  checkAccount(userPrincipalName: string): void {
    this.requireUser(userPrincipalName)
  }

  /** Throws ScenarioError unless a resource publishes this permission. */
  checkPermission(permission: string, resource?: 'graph' | 'management'): void {
    if (resource === undefined) {
      resolvePermission(permission)
      return
    }
    const api = resource === 'graph' ? microsoftGraph : officeManagementApis
    if (!findPermission(api, permission)) throw new ScenarioError(`${api.displayName} has no permission ${permission}.`)
  }

  private tenant(): TenantRecord {
    const tenant = this.context.world.tenant(sandboxIds.contosoTenantId)
    if (!tenant) throw new Error('The sandbox tenant world has no primary tenant.')
    return tenant
  }

  private requireUser(userPrincipalName: string): UserRecord {
    const user = this.context.world.findUserByName(userPrincipalName)
    if (!user || user.tenantId !== this.tenant().id) {
      throw new ScenarioError(`No account ${userPrincipalName} in the sandbox tenant.`)
    }
    return user
  }

  private usersFor(userPrincipalName: string | undefined): UserRecord[] {
    return userPrincipalName === undefined ? this.context.world.usersOf(this.tenant().id) : [this.requireUser(userPrincipalName)]
  }

  private tenantWideScopes(api: ResourceApi): string[] {
    return tenantWideScopes(this.context.world, this.tenant().id, api)
  }

  private setTenantWideScopes(api: ResourceApi, scopes: readonly string[]): void {
    setTenantWideScopes(this.context.world, this.tenant().id, api, scopes)
  }
}

function servicesOf(selector: ServiceSelector): readonly SandboxService[] {
  return selector === 'all' ? sandboxServices : [selector]
}
