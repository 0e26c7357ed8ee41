/**
 * The resource APIs the sandbox tenant hosts, with the delegated permissions each publishes.
 * App IDs and permission IDs are Microsoft's own, so payloads look like a real tenant's.
 */
export interface DelegatedPermission {
  id: string
  value: string
  adminConsentRequired: boolean
  adminConsentDisplayName: string
  adminConsentDescription: string
}

export interface ResourceApi {
  appId: string
  displayName: string
  /** The identifier URI that prefixes its scopes, e.g. `https://graph.microsoft.com/User.Read`. */
  identifierUri: string
  permissions: readonly DelegatedPermission[]
}

export const microsoftGraph: ResourceApi = {
  appId: '00000003-0000-0000-c000-000000000000',
  displayName: 'Microsoft Graph',
  identifierUri: 'https://graph.microsoft.com',
  permissions: [
    permission('37f7f235-527c-4136-accd-4a02d197296e', 'openid', false, 'Sign users in', 'Allows users to sign in to the app with their work or school accounts and allows the app to see basic user profile information.'),
    permission('14dad69e-099b-42c9-810b-d002981feec1', 'profile', false, "View users' basic profile", "Allows the app to see your users' basic profile (e.g., name, picture, user name, email address)."),
    permission('64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0', 'email', false, "View users' email address", "Allows the app to read your users' primary email address."),
    permission('7427e0e9-2fba-42fe-b0c0-848c9e6a8182', 'offline_access', false, 'Maintain access to data you have given it access to', 'Allows the app to see and update the data you gave it access to, even when users are not currently using the app.'),
    permission('e1fe6dd8-ba31-4d61-89e7-88639da4683d', 'User.Read', false, 'Sign in and read user profile', 'Allows users to sign-in to the app, and allows the app to read the profile of signed-in users. It also allows the app to read basic company information of signed-in users.'),
    permission('4908d5b9-3fb2-4b1e-9336-1888b7937185', 'Organization.Read.All', true, 'Read organization information', 'Allows the app to read the organization and related resources, on behalf of the signed-in user. Related resources include things like subscribed skus and tenant branding information.'),
    permission('c79f8feb-a9db-4090-85f9-90d820caa0eb', 'Application.Read.All', true, 'Read applications', 'Allows the app to read applications and service principals on behalf of the signed-in user.'),
    permission('a197cdc4-a8e8-4d49-9d35-4ca7c83887b4', 'DelegatedPermissionGrant.Read.All', true, 'Read delegated permission grants', 'Allows the app to read delegated permission grants, on behalf of the signed in user.'),
    permission('41ce6ca6-6826-4807-84f1-1c82854f7ee5', 'DelegatedPermissionGrant.ReadWrite.All', true, 'Manage all delegated permission grants', 'Allows the app to manage permission grants for delegated permissions exposed by any API (including Microsoft Graph), on behalf of the signed in user.'),
    permission('06da0dbc-49e2-44d2-8312-53f166ab848a', 'Directory.Read.All', true, 'Read directory data', "Allows the app to read data in your organization's directory, such as users, groups and apps."),
    permission('e383f46e-2787-4529-855e-0e479a3ffac0', 'Mail.Send', false, 'Send mail as a user', 'Allows the app to send mail as users in the organization.'),
    permission('5f8c59db-677d-491f-a6b8-5f174b11ec1d', 'Group.Read.All', true, 'Read all groups', 'Allows the app to list groups, and to read their properties and all group memberships on behalf of the signed-in user.')
  ]
}

export const officeManagementApis: ResourceApi = {
  appId: 'c5393580-f805-4401-95e8-94b7a6ef2fc2',
  displayName: 'Office 365 Management APIs',
  identifierUri: 'https://manage.office.com',
  permissions: [
    permission('594c1fb6-4f81-4475-ae41-0c394909246c', 'ActivityFeed.Read', true, "Read activity data for your organization", "Allows the application to read the activity data for your organization."),
    permission('4807a72c-ad38-4250-94c9-4eabfe26cd55', 'ActivityFeed.ReadDlp', true, 'Read DLP policy events including detected sensitive data', 'Allows the application to read DLP policy events, including detected sensitive data, for your organization.'),
    permission('e2cea78f-e743-4d8f-a16a-75b629a038ae', 'ServiceHealth.Read', true, 'Read service health information for your organization', 'Allows the application to read service health information for your organization.')
  ]
}

export const resourceApis: readonly ResourceApi[] = [microsoftGraph, officeManagementApis]

/** Scopes that OpenID Connect defines; Entra grants them on Microsoft Graph. */
export const openIdScopes: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access'])

export function findResourceApi(appIdOrUri: string): ResourceApi | undefined {
  const wanted = appIdOrUri.replace(/\/+$/, '').toLowerCase()
  return resourceApis.find((api) => api.appId === wanted || api.identifierUri.toLowerCase() === wanted)
}

export function findPermission(api: ResourceApi, value: string): DelegatedPermission | undefined {
  return api.permissions.find((candidate) => candidate.value.toLowerCase() === value.toLowerCase())
}

function permission(
  id: string,
  value: string,
  adminConsentRequired: boolean,
  adminConsentDisplayName: string,
  adminConsentDescription: string
): DelegatedPermission {
  return { id, value, adminConsentRequired, adminConsentDisplayName, adminConsentDescription }
}
