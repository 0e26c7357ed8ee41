import { GraphError, type Client } from '@microsoft/microsoft-graph-client'
import { z } from 'zod'
import { odataString } from './graph-collection.ts'
import { readGraphAnswer } from './unexpected-graph-answer.ts'

/** Well-known application IDs of Microsoft's resource apps; the same in every cloud. */
export const resourceAppIds = {
  microsoftGraph: '00000003-0000-0000-c000-000000000000',
  officeManagementApis: 'c5393580-f805-4401-95e8-94b7a6ef2fc2'
} as const

const servicePrincipal = z.object({ id: z.string().min(1), appId: z.string() })
export type ServicePrincipal = z.infer<typeof servicePrincipal>

/**
 * An app's service principal in the signed-in tenant, by its application (client) ID, or null when
 * the tenant has none: nobody there has consented to the app yet. A grant names the service principal
 * by its object id, never by the appId (DESIGN.md, "Least privilege, call by call").
 */
export async function findServicePrincipal(graph: Client, appId: string): Promise<ServicePrincipal | null> {
  try {
    const answer: unknown = await graph.api(`/servicePrincipals(appId=${odataString(appId)})`).select(['id', 'appId']).get()
    return readGraphAnswer(servicePrincipal, answer, 'the app’s service principal')
  } catch (error) {
    if (error instanceof GraphError && error.statusCode === 404) return null
    throw error
  }
}
