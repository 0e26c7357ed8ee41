import type { SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'

export const megan = 'MeganB@contoso.onmicrosoft.com'

/** A set of Graph permissions with none that reads directory roles (what the console asked for before its manifest version 1). */
export const scopesWithoutDirectoryRead = ['User.Read', 'Organization.Read.All', 'Application.Read.All', 'DelegatedPermissionGrant.ReadWrite.All']

export interface GraphErrorBody {
  code: string
  message: string
}

export interface GraphRequest {
  scopes?: readonly string[]
  user?: string
  method?: string
  headers?: Record<string, string>
  body?: string
}

/** Plain `fetch` calls to the sandbox's Graph, each with a fresh token for the given permissions. */
export function sandboxGraph(sandbox: () => SandboxTenant) {
  const call = (path: string, request: GraphRequest = {}): Promise<Response> => {
    const { scopes = scopesWithoutDirectoryRead, user = megan, method = 'GET', headers = {}, body } = request
    const token = sandbox().issueAccessToken({ userPrincipalName: user, resource: 'graph', scopes })
    const url = path.startsWith('http') ? path : `${sandbox().baseUrl}v1.0/${path}`
    return fetch(url, { method, body, headers: { ...headers, Authorization: `Bearer ${token}` } })
  }
  return {
    call,
    async json<T = Record<string, unknown>>(path: string, request: GraphRequest = {}): Promise<T> {
      const response = await call(path, request)
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`)
      return (await response.json()) as T
    },
    /** The status and Graph error of a call that should fail. */
    async failure(path: string, request: GraphRequest = {}): Promise<{ status: number } & GraphErrorBody> {
      const response = await call(path, request)
      const body = (await response.json()) as { error?: GraphErrorBody }
      return { status: response.status, code: body.error?.code ?? '', message: body.error?.message ?? '' }
    }
  }
}

/** The advanced query parameters of aad-advanced-queries.md, as a header set. */
export const eventual = { ConsistencyLevel: 'eventual' }
