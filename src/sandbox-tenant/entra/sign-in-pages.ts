import { escapeHtml, type SandboxResponse } from '../http/sandbox-http.ts'
import { hiddenField, renderPage } from './page-layout.ts'
import type { UserRecord } from '../world/world-records.ts'

export interface PermissionLine {
  resourceName: string
  displayName: string
  description: string
}

/** "Pick an account": each seeded account is a button that posts the choice back with the flow token. */
export function accountPickerPage(tenantSegment: string, flowToken: string, accounts: readonly UserRecord[]): SandboxResponse {
  const buttons = accounts
    .map(
      (user) =>
        `<button class="account" type="submit" name="login" value="${escapeHtml(user.userPrincipalName)}">` +
        `<span class="name">${escapeHtml(user.displayName)}</span><span class="upn">${escapeHtml(user.userPrincipalName)}</span></button>`
    )
    .join('\n')
  return renderPage(
    200,
    'Sign in to your account',
    `<h1>Pick an account</h1>
<form method="post" action="/${escapeHtml(tenantSegment)}/login">
${hiddenField('flowToken', flowToken)}
${buttons}
</form>`
  )
}

export interface PermissionsPageContent {
  tenantSegment: string
  flowToken: string
  user: UserRecord
  appName: string
  publisherName: string
  permissions: readonly PermissionLine[]
  /**
   * Whom an Accept covers. `organisation`: the admin-consent endpoint, always tenant-wide.
   * `choice`: an administrator at /authorize, who decides with a checkbox left unticked, as in
   * Entra. `self`: everyone else, who consents only for themselves.
   */
  consentFor: ConsentFor
  organisationName: string
}

export type ConsentFor = 'organisation' | 'choice' | 'self'

/** The checkbox's form field: present only when ticked, as browsers post checkboxes. */
export const organisationConsentField = 'consentForOrganisation'

export function permissionsPage(content: PermissionsPageContent): SandboxResponse {
  const items = content.permissions
    .map(
      (line) =>
        `<li><span class="permission">${escapeHtml(line.displayName)}</span>` +
        `<span class="description">${escapeHtml(line.description)} (${escapeHtml(line.resourceName)})</span></li>`
    )
    .join('\n')
  const organisation = escapeHtml(content.organisationName)
  const appName = escapeHtml(content.appName)
  const forSelf = `<p>Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement.</p>`
  const wording =
    content.consentFor === 'organisation'
      ? `<p>As an administrator, you consent on behalf of your organisation. Accept on behalf of your organisation, and ${appName} gets these permissions for every user in ${organisation}; nobody else will be asked.</p>`
      : content.consentFor === 'choice'
        ? `<p><input type="checkbox" id="${organisationConsentField}" name="${organisationConsentField}" value="true">
<label for="${organisationConsentField}">Consent on behalf of your organisation</label><br>
<span class="description">Tick this, and ${appName} gets these permissions for every user in ${organisation}; nobody else will be asked. Leave it, and you consent for yourself only.</span></p>
${forSelf}`
        : forSelf
  return renderPage(
    200,
    'Permissions requested',
    `<p>${escapeHtml(content.user.userPrincipalName)}</p>
<h1>Permissions requested</h1>
<p><strong class="app-name">${escapeHtml(content.appName)}</strong><br><span class="publisher">${escapeHtml(content.publisherName)}</span></p>
<p>This app would like to:</p>
<ul class="permissions">
${items}
</ul>
<form method="post" action="/${escapeHtml(content.tenantSegment)}/Consent/Set">
${hiddenField('flowToken', content.flowToken)}
${wording}
<div class="buttons">
<button type="submit" name="decision" value="cancel">Cancel</button>
<button class="primary" type="submit" name="decision" value="accept">Accept</button>
</div>
</form>`
  )
}

/** A user without an admin role meets permissions that only an administrator can grant (AADSTS90094). */
export function needAdminApprovalPage(
  tenantSegment: string,
  flowToken: string,
  appName: string,
  permissions: readonly PermissionLine[],
  startUrl: string
): SandboxResponse {
  const items = permissions.map((line) => `<li>${escapeHtml(line.displayName)} (${escapeHtml(line.resourceName)})</li>`).join('\n')
  return renderPage(
    200,
    'Need admin approval',
    `<h1>Need admin approval</h1>
<p>${escapeHtml(appName)} needs permission to access resources in your organisation that only an admin can grant. Ask an admin to grant permission to this app before you can use it.</p>
<ul class="permissions">
${items}
</ul>
<p><a href="${escapeHtml(startUrl)}">Have an admin account? Sign in with that account</a></p>
<form method="post" action="/${escapeHtml(tenantSegment)}/Consent/Set">
${hiddenField('flowToken', flowToken)}
<div class="buttons"><button type="submit" name="decision" value="return">Return to the application without granting consent</button></div>
</form>`
  )
}
