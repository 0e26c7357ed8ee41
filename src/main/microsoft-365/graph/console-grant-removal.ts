import { GraphError, type Client } from '@microsoft/microsoft-graph-client'
import type { MicrosoftDetails } from '../../../shared/microsoft-365.ts'
import { describeGraphFailure, type MicrosoftFailureKind } from '../microsoft-details.ts'
import { listPermissionGrants } from './permission-grants.ts'
import { findServicePrincipal } from './service-principals.ts'
import { UnexpectedGraphAnswerError } from './unexpected-graph-answer.ts'

export interface ConsoleGrantRemovalOptions {
  /** A client whose token holds DelegatedPermissionGrant.ReadWrite.All, asked for at disconnect only. */
  graph: Client
  /** The console's Application (client) ID. */
  clientId: string
}

export type ConsoleGrantRemoval = { ok: true; removed: number } | { ok: false; title: string; fix: string; details: MicrosoftDetails | null }

/** The manual way, for when the console could not do it. */
export const removeGrantsByHand =
  'To remove them by hand, open the Microsoft Entra admin center, go to Enterprise applications, select the console’s app, open Permissions and revoke them there, or delete the app from your tenant.'

/**
 * Deletes every delegated permission grant the console's service principal holds in the tenant:
 * the tenant-wide ones and any that a single user (the admin at disconnect, say) gave it. A grant
 * already gone counts as removed; the first other failure stops and says how far it got.
 */
export async function removeConsoleGrants(options: ConsoleGrantRemovalOptions): Promise<ConsoleGrantRemoval> {
  const { graph, clientId } = options
  let removed = 0
  try {
    const consoleApp = await findServicePrincipal(graph, clientId)
    if (!consoleApp) return { ok: true, removed: 0 }
    const grants = await listPermissionGrants(graph, { clientId: consoleApp.id })
    for (const grant of grants) {
      await deleteGrant(graph, grant.id)
      removed += 1
    }
    return { ok: true, removed }
  } catch (error) {
    return { ok: false, ...removalFailure(error, removed > 0) }
  }
}

async function deleteGrant(graph: Client, id: string): Promise<void> {
  try {
    await graph.api(`/oauth2PermissionGrants/${encodeURIComponent(id)}`).delete()
  } catch (error) {
    // Removed in the meantime, by the admin or by another console: what was asked for is done.
    if (error instanceof GraphError && error.statusCode === 404) return
    throw error
  }
}

function removalFailure(error: unknown, partly: boolean): { title: string; fix: string; details: MicrosoftDetails | null } {
  const what = partly ? 'Not all of the console’s permissions were removed from the tenant' : 'The console’s permissions were not removed from the tenant'
  if (error instanceof UnexpectedGraphAnswerError) {
    return { title: `${what}, because Microsoft 365 sent an answer the console did not expect.`, fix: removeGrantsByHand, details: null }
  }
  const { kind, details } = describeGraphFailure(error)
  return { title: `${what}, because ${because[kind]}.`, fix: removeGrantsByHand, details }
}

const because: Record<MicrosoftFailureKind, string> = {
  network: 'Microsoft 365 could not be reached',
  throttled: 'Microsoft 365 is too busy to answer right now',
  unavailable: 'Microsoft 365 is not available right now',
  forbidden: 'Microsoft 365 did not allow it for this account',
  accessToken: 'the sign-in gave the console no access to remove them',
  microsoft: 'Microsoft 365 answered with an error'
}
