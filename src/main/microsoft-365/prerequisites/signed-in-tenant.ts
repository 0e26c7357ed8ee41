import type { Client } from '@microsoft/microsoft-graph-client'
import { z } from 'zod'
import type { Tenant } from '../../../shared/cloud-applications.ts'
import { readGraphAnswer, UnexpectedGraphAnswerError } from '../graph/unexpected-graph-answer.ts'

const me = z.object({ id: z.string().min(1), userPrincipalName: z.string().min(1) })

const organization = z.object({
  id: z.string().min(1),
  displayName: z.string().nullable().optional(),
  verifiedDomains: z
    .array(z.object({ name: z.string(), isDefault: z.boolean().nullable().optional(), isInitial: z.boolean().nullable().optional() }))
    .nullable()
    .optional()
})
/** `/organization`'s answer: the signed-in tenant, the only item. */
export const organizations = z.object({ value: z.array(organization) })
type Organization = z.infer<typeof organization>

export interface SignedInTenant {
  /** The admin's object id, which names their own grants. */
  userId: string
  /** The admin's UPN, as Graph reports it. */
  account: string
  tenant: Tenant
}

/** Who signed in, and to which tenant, from Graph rather than from the token's claims. */
export async function readSignedInTenant(graph: Client): Promise<SignedInTenant> {
  const user = readGraphAnswer(me, await graph.api('/me').select(['id', 'userPrincipalName']).get(), 'your account')
  const { value } = readGraphAnswer(organizations, await graph.api('/organization').select(['id', 'displayName', 'verifiedDomains']).get(), 'your organisation')
  const organisation = value[0]
  if (!organisation) throw new UnexpectedGraphAnswerError('your organisation')
  return { userId: user.id, account: user.userPrincipalName, tenant: tenantOf(organisation) }
}

/** The default verified domain is the one the admin chose to show; the initial onmicrosoft.com one is always there. */
export function tenantOf(organisation: Organization): Tenant {
  const domains = organisation.verifiedDomains ?? []
  const domain = domains.find((candidate) => candidate.isDefault === true) ?? domains.find((candidate) => candidate.isInitial === true) ?? domains[0]
  const name = organisation.displayName?.trim()
  return { id: organisation.id, name: name && name.length > 0 ? name : (domain?.name ?? organisation.id), domain: domain?.name ?? '' }
}
