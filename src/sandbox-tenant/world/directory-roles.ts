/** Directory role templates the sandbox knows, by Microsoft's template IDs. */
export interface DirectoryRoleTemplate {
  roleTemplateId: string
  displayName: string
  description: string
  /** Whether the role may grant tenant-wide consent to delegated permissions. */
  canGrantTenantWideConsent: boolean
}

export const globalAdministrator: DirectoryRoleTemplate = {
  roleTemplateId: '62e90394-69f5-4237-9190-012177145e10',
  displayName: 'Global Administrator',
  description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
  canGrantTenantWideConsent: true
}

export const cloudApplicationAdministrator: DirectoryRoleTemplate = {
  roleTemplateId: '158c047a-c907-4556-b7ef-446551a6b5f7',
  displayName: 'Cloud Application Administrator',
  description: 'Can create and manage all aspects of app registrations and enterprise apps except App Proxy.',
  canGrantTenantWideConsent: true
}

export const userAdministrator: DirectoryRoleTemplate = {
  roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  displayName: 'User Administrator',
  description: 'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
  canGrantTenantWideConsent: false
}

export const directoryRoleTemplates: readonly DirectoryRoleTemplate[] = [
  globalAdministrator,
  cloudApplicationAdministrator,
  userAdministrator
]
