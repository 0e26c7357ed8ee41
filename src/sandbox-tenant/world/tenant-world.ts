import { globalAdministrator, directoryRoleTemplates } from './directory-roles.ts'
import { newObjectId, permissionGrantId } from './graph-object-ids.ts'
import { findResourceApi, resourceApis } from './resource-apis.ts'
import type {
  ClientApplicationRecord,
  ConsentRequest,
  ConsentType,
  PermissionGrantRecord,
  ServicePrincipalRecord,
  TenantRecord,
  UserRecord
} from './world-records.ts'

/** One in-memory tenant world: the directory, its subscriptions and its consent grants. */
export class TenantWorld {
  readonly tenants = new Map<string, TenantRecord>()
  readonly users = new Map<string, UserRecord>()
  readonly servicePrincipals: ServicePrincipalRecord[] = []
  readonly permissionGrants: PermissionGrantRecord[] = []
  readonly clientApplication: ClientApplicationRecord
  private readonly now: () => number

  constructor(clientApplication: ClientApplicationRecord, now: () => number) {
    this.clientApplication = clientApplication
    this.now = now
  }

  /** Puts another world's directory in place of this one's, keeping this object, which services hold. */
  replaceWith(other: TenantWorld): void {
    this.tenants.clear()
    for (const [id, tenant] of other.tenants) this.tenants.set(id, tenant)
    this.users.clear()
    for (const [id, user] of other.users) this.users.set(id, user)
    this.servicePrincipals.splice(0, this.servicePrincipals.length, ...other.servicePrincipals)
    this.permissionGrants.splice(0, this.permissionGrants.length, ...other.permissionGrants)
  }

  addTenant(tenant: Omit<TenantRecord, 'directoryRoleIds'>): TenantRecord {
    const record: TenantRecord = { ...tenant, directoryRoleIds: new Map() }
    for (const template of directoryRoleTemplates) record.directoryRoleIds.set(template.roleTemplateId, newObjectId())
    this.tenants.set(record.id, record)
    for (const api of resourceApis) this.ensureServicePrincipal(record.id, api.appId)
    return record
  }

  addUser(user: UserRecord): UserRecord {
    this.users.set(user.id, user)
    return user
  }

  tenant(tenantId: string): TenantRecord | undefined {
    return this.tenants.get(tenantId)
  }

  /** Finds a tenant by id or by one of its domains, the way an authority path may name it. */
  findTenant(idOrDomain: string): TenantRecord | undefined {
    const wanted = idOrDomain.toLowerCase()
    return [...this.tenants.values()].find((tenant) => tenant.id === wanted || tenant.defaultDomain === wanted)
  }

  findUserByName(userPrincipalName: string): UserRecord | undefined {
    const wanted = userPrincipalName.toLowerCase()
    return [...this.users.values()].find((user) => user.userPrincipalName.toLowerCase() === wanted)
  }

  usersOf(tenantId: string): UserRecord[] {
    return [...this.users.values()].filter((user) => user.tenantId === tenantId)
  }

  isGlobalAdministrator(user: UserRecord): boolean {
    return user.roleTemplateIds.has(globalAdministrator.roleTemplateId)
  }

  canGrantTenantWideConsent(user: UserRecord): boolean {
    return directoryRoleTemplates.some(
      (template) => template.canGrantTenantWideConsent && user.roleTemplateIds.has(template.roleTemplateId)
    )
  }

  servicePrincipal(tenantId: string, appId: string): ServicePrincipalRecord | undefined {
    return this.servicePrincipals.find((sp) => sp.tenantId === tenantId && sp.appId === appId)
  }

  servicePrincipalById(tenantId: string, id: string): ServicePrincipalRecord | undefined {
    return this.servicePrincipals.find((sp) => sp.tenantId === tenantId && sp.id === id)
  }

  ensureServicePrincipal(tenantId: string, appId: string): ServicePrincipalRecord {
    const existing = this.servicePrincipal(tenantId, appId)
    if (existing) return existing
    const resourceApi = findResourceApi(appId)
    const isClient = appId === this.clientApplication.appId
    const record: ServicePrincipalRecord = {
      id: newObjectId(),
      tenantId,
      appId,
      displayName: resourceApi?.displayName ?? this.clientApplication.displayName,
      appOwnerOrganizationId: isClient ? this.clientApplication.publisherTenantId : 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
      publisherName: isClient ? this.clientApplication.publisherName : 'Microsoft Services',
      createdDateTime: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      resourceApi
    }
    this.servicePrincipals.push(record)
    return record
  }

  grantsOf(tenantId: string): PermissionGrantRecord[] {
    return this.permissionGrants.filter((grant) => grant.tenantId === tenantId)
  }

  /** The scopes a user may get in tokens for a resource: the tenant-wide grant plus their own. */
  grantedScopes(tenantId: string, userId: string, clientAppId: string, resourceAppId: string): string[] {
    const client = this.servicePrincipal(tenantId, clientAppId)
    const resource = this.servicePrincipal(tenantId, resourceAppId)
    if (!client || !resource) return []
    const scopes = new Set<string>()
    for (const grant of this.grantsOf(tenantId)) {
      if (grant.clientId !== client.id || grant.resourceId !== resource.id) continue
      if (grant.consentType === 'Principal' && grant.principalId !== userId) continue
      for (const scope of splitScope(grant.scope)) scopes.add(scope)
    }
    return [...scopes]
  }

  recordConsent(request: ConsentRequest): PermissionGrantRecord {
    const client = this.ensureServicePrincipal(request.tenantId, request.clientAppId)
    const resource = this.ensureServicePrincipal(request.tenantId, request.resourceAppId)
    const consentType: ConsentType = request.tenantWide ? 'AllPrincipals' : 'Principal'
    const principalId = request.tenantWide ? null : request.userId
    const existing = this.permissionGrants.find(
      (grant) =>
        grant.tenantId === request.tenantId &&
        grant.clientId === client.id &&
        grant.resourceId === resource.id &&
        grant.consentType === consentType &&
        grant.principalId === principalId
    )
    if (existing) {
      existing.scope = joinScope([...splitScope(existing.scope), ...request.scopes])
      return existing
    }
    const grant: PermissionGrantRecord = {
      id: permissionGrantId(client.id, resource.id, principalId),
      tenantId: request.tenantId,
      clientId: client.id,
      consentType,
      principalId,
      resourceId: resource.id,
      scope: joinScope(request.scopes)
    }
    this.permissionGrants.push(grant)
    return grant
  }

  deletePermissionGrant(tenantId: string, grantId: string): boolean {
    const index = this.permissionGrants.findIndex((grant) => grant.tenantId === tenantId && grant.id === grantId)
    if (index < 0) return false
    this.permissionGrants.splice(index, 1)
    return true
  }

  /** Sets exactly which scopes the tenant-wide grant of the client app holds for a resource. */
  setTenantWideScopes(tenantId: string, clientAppId: string, resourceAppId: string, scopes: readonly string[]): void {
    const client = this.ensureServicePrincipal(tenantId, clientAppId)
    const resource = this.ensureServicePrincipal(tenantId, resourceAppId)
    const index = this.permissionGrants.findIndex(
      (grant) =>
        grant.tenantId === tenantId &&
        grant.clientId === client.id &&
        grant.resourceId === resource.id &&
        grant.consentType === 'AllPrincipals'
    )
    if (index >= 0) this.permissionGrants.splice(index, 1)
    if (scopes.length === 0) return
    this.permissionGrants.push({
      id: permissionGrantId(client.id, resource.id, null),
      tenantId,
      clientId: client.id,
      consentType: 'AllPrincipals',
      principalId: null,
      resourceId: resource.id,
      scope: joinScope(scopes)
    })
  }

  /** Removes every grant the client app holds in a tenant, as an admin does in the Entra admin center. */
  revokeConsent(tenantId: string, clientAppId: string): void {
    const client = this.servicePrincipal(tenantId, clientAppId)
    if (!client) return
    for (let index = this.permissionGrants.length - 1; index >= 0; index--) {
      const grant = this.permissionGrants[index]
      if (grant && grant.tenantId === tenantId && grant.clientId === client.id) this.permissionGrants.splice(index, 1)
    }
  }
}

export function splitScope(scope: string): string[] {
  return scope.split(' ').filter((part) => part.length > 0)
}

/** Entra stores a grant's scope as space-separated values and, in practice, keeps a leading space off. */
export function joinScope(scopes: readonly string[]): string {
  const unique: string[] = []
  for (const scope of scopes) {
    if (!unique.some((existing) => existing.toLowerCase() === scope.toLowerCase())) unique.push(scope)
  }
  return unique.join(' ')
}
