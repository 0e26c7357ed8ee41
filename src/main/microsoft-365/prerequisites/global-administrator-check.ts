import type { Client } from '@microsoft/microsoft-graph-client'
import { z } from 'zod'
import type { ConnectFailure } from '../../../shared/microsoft-365.ts'
import { readCollection } from '../graph/graph-collection.ts'
import { grantForOrganisation } from './consent-advice.ts'

/** Microsoft Entra's Global Administrator role template, the same in every tenant. */
export const globalAdministratorTemplateId = '62e90394-69f5-4237-9190-012177145e10'

const directoryRole = z.object({
  id: z.string(),
  '@odata.type': z.string().optional(),
  roleTemplateId: z.string().nullable().optional()
})
export type DirectoryRole = z.infer<typeof directoryRole>

/**
 * - `globalAdministrator`: one of the roles is the Global Administrator template;
 * - `notGlobalAdministrator`: every role was readable and none is;
 * - `cannotTell`: some roles came back with only `id` and `@odata.type`. That is Graph's
 *   limited-information rule for a token that may not read directory roles (DESIGN.md), and a
 *   hidden role may be the one, so the check does not guess.
 */
export type GlobalAdministratorVerdict = 'globalAdministrator' | 'notGlobalAdministrator' | 'cannotTell'

export function assessDirectoryRoles(roles: readonly DirectoryRole[]): GlobalAdministratorVerdict {
  if (roles.some((role) => role.roleTemplateId?.toLowerCase() === globalAdministratorTemplateId)) return 'globalAdministrator'
  if (roles.some((role) => typeof role.roleTemplateId !== 'string')) return 'cannotTell'
  return 'notGlobalAdministrator'
}

export function globalAdministratorFailure(verdict: Exclude<GlobalAdministratorVerdict, 'globalAdministrator'>, account: string): ConnectFailure {
  if (verdict === 'cannotTell') {
    return {
      kind: 'globalAdministrator',
      title:
        'The console could not tell whether this account is a Global Administrator, because its permissions do not let it read directory roles.',
      fix: `Grant the console’s permissions again, so that they include Directory.Read.All. ${grantForOrganisation}`,
      details: null
    }
  }
  return {
    kind: 'globalAdministrator',
    title: `${account} is not a Global Administrator.`,
    fix: 'Sign in with a Global Administrator account: select CONNECT again and pick that account. The Microsoft Entra admin center lists who holds the role under Roles & admins → Global Administrator. If the role is only eligible for this account in Privileged Identity Management, activate it first, then try again.',
    details: null
  }
}

/** The manual's second prerequisite: "Full administrator access for your Microsoft subscription". Null when it is met. */
export async function checkGlobalAdministrator(graph: Client, account: string): Promise<ConnectFailure | null> {
  const roles = await readCollection(graph, graph.api('/me/transitiveMemberOf/microsoft.graph.directoryRole'), directoryRole, 'your directory roles')
  const verdict = assessDirectoryRoles(roles)
  return verdict === 'globalAdministrator' ? null : globalAdministratorFailure(verdict, account)
}
