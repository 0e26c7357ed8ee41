import type { Client } from '@microsoft/microsoft-graph-client'
import { checkGlobalAdministrator } from './global-administrator-check.ts'
import { graphStepFailure } from './graph-step-failure.ts'
import type { PrerequisiteReport } from './prerequisite-report.ts'
import { readSignedInTenant, type SignedInTenant } from './signed-in-tenant.ts'
import { checkSubscription } from './subscription-check.ts'
import { checkTenantWideConsent } from './tenant-wide-consent-check.ts'

export interface CheckPrerequisitesOptions {
  /** A client whose token is the signed-in admin's, holding the manifest's Graph permissions. */
  graph: Client
  /** The console's Application (client) ID. */
  clientId: string
}

/**
 * The checks after sign-in (the manual's "Prerequisites", and the tenant-wide grant that the
 * heartbeat relies on), in a fixed order: the subscription, the Global Administrator role, then the
 * tenant-wide consent. The first that fails is the one the admin is told about; nothing is connected.
 * It never rejects: a failed Graph call is a failure of the step that made it.
 */
export async function checkPrerequisites(options: CheckPrerequisitesOptions): Promise<PrerequisiteReport> {
  const { graph, clientId } = options
  let signedIn: SignedInTenant
  try {
    signedIn = await readSignedInTenant(graph)
  } catch (error) {
    return { ok: false, failure: graphStepFailure(error, 'your account and organisation') }
  }

  try {
    const failure = await checkSubscription(graph)
    if (failure) return { ok: false, failure }
  } catch (error) {
    return { ok: false, failure: graphStepFailure(error, 'the tenant’s subscriptions') }
  }

  try {
    const failure = await checkGlobalAdministrator(graph, signedIn.account)
    if (failure) return { ok: false, failure }
  } catch (error) {
    return { ok: false, failure: graphStepFailure(error, 'your directory roles') }
  }

  try {
    const consent = await checkTenantWideConsent(graph, { clientId, userId: signedIn.userId })
    if (!consent.ok) return consent
    return { ok: true, tenant: signedIn.tenant, account: signedIn.account, grantedPermissions: consent.grantedPermissions }
  } catch (error) {
    return { ok: false, failure: graphStepFailure(error, 'the console’s permissions in the tenant') }
  }
}
