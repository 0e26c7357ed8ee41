import { createHash, randomBytes } from 'node:crypto'
import type { SandboxTenant } from '../../src/sandbox-tenant/sandbox-tenant-server.ts'

/** Drives the sandbox's sign-in pages with fetch, the way a browser without script would, for unit tests. */

export interface PageForm {
  action: string
  fields: Map<string, string>
}

export interface HttpPage {
  status: number
  location: string | null
  html: string
  setCookie: string | null
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export const loopback = 'http://localhost:53171'

export function authorizeUrl(sandbox: SandboxTenant, parameters: Record<string, string>, tenant = 'organizations'): URL {
  const url = new URL(`${tenant}/oauth2/v2.0/authorize`, sandbox.baseUrl)
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value)
  return url
}

export function standardAuthorizeParameters(challenge: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: '5d3f1c2a-8e47-4b6a-9c1d-2f7e8a9b0c3d',
    response_type: 'code',
    redirect_uri: loopback,
    response_mode: 'form_post',
    scope: 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Organization.Read.All openid profile offline_access',
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    client_info: '1',
    prompt: 'select_account',
    ...overrides
  }
}

export async function getPage(url: URL | string, cookie?: string): Promise<HttpPage> {
  const response = await fetch(url, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} })
  return readPage(response)
}

export async function postForm(url: URL | string, fields: Map<string, string> | Record<string, string>, cookie?: string): Promise<HttpPage> {
  const body = new URLSearchParams(fields instanceof Map ? [...fields] : Object.entries(fields))
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body
  })
  return readPage(response)
}

async function readPage(response: Response): Promise<HttpPage> {
  return {
    status: response.status,
    location: response.headers.get('location'),
    html: await response.text(),
    setCookie: response.headers.get('set-cookie')?.split(';')[0] ?? null
  }
}

/** The first form on a page, with its hidden fields and the value of the button pressed, if named. */
export function readForm(html: string, button?: { name: string; value: string }): PageForm {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html)
  if (!form) throw new Error(`No form on the page:\n${html.slice(0, 500)}`)
  const fields = new Map<string, string>()
  for (const input of (form[2] ?? '').matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.set(unescape(input[1] ?? ''), unescape(input[2] ?? ''))
  }
  if (button) fields.set(button.name, button.value)
  return { action: unescape(form[1] ?? ''), fields }
}

export function visibleText(html: string): string {
  return unescape(html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ')
}

function unescape(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

export interface SignInResult {
  answer: PageForm
  verifier: string
  cookie: string | null
}

/** The "Consent on behalf of your organisation" checkbox's field, when the page shows it. */
export function organisationConsentCheckbox(html: string): string | null {
  const box = /<input type="checkbox"[^>]*name="([^"]*)"[^>]*>\s*<label[^>]*>Consent on behalf of your organisation<\/label>/.exec(html)
  return box ? unescape(box[1] ?? '') : null
}

/**
 * Authorize, pick the account, and (when the permissions page shows) press Accept or Cancel;
 * returns the auto-submitting form the app would receive. An administrator ticks "Consent on
 * behalf of your organisation" unless `onBehalfOfOrganisation` is false, as most tests want a
 * tenant-wide grant; a browser posts a checkbox only when it is ticked.
 */
export async function signInOverHttp(
  sandbox: SandboxTenant,
  options: {
    account: string
    decision?: 'accept' | 'cancel'
    overrides?: Record<string, string>
    tenant?: string
    onBehalfOfOrganisation?: boolean
  }
): Promise<SignInResult> {
  const { verifier, challenge } = pkcePair()
  const picker = await getPage(authorizeUrl(sandbox, standardAuthorizeParameters(challenge, options.overrides), options.tenant))
  const pick = readForm(picker.html, { name: 'login', value: options.account })
  let page = await postForm(new URL(pick.action, sandbox.baseUrl), pick.fields)
  const cookie = page.setCookie
  if (page.html.includes('Permissions requested')) {
    const consent = readForm(page.html, { name: 'decision', value: options.decision ?? 'accept' })
    const checkbox = organisationConsentCheckbox(page.html)
    if (checkbox && (options.onBehalfOfOrganisation ?? true)) consent.fields.set(checkbox, 'true')
    page = await postForm(new URL(consent.action, sandbox.baseUrl), consent.fields)
  }
  return { answer: readForm(page.html), verifier, cookie }
}

export async function redeemCode(sandbox: SandboxTenant, code: string, verifier: string, overrides: Record<string, string> = {}) {
  return postToken(sandbox, {
    client_id: sandbox.clientId,
    grant_type: 'authorization_code',
    code,
    redirect_uri: loopback,
    code_verifier: verifier,
    scope: 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Organization.Read.All openid profile offline_access',
    client_info: '1',
    ...overrides
  })
}

export async function postToken(sandbox: SandboxTenant, fields: Record<string, string>, tenant = 'organizations', headers: Record<string, string> = {}) {
  const response = await fetch(new URL(`${tenant}/oauth2/v2.0/token`, sandbox.baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields)
  })
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> }
}

/** Signs Megan in through the pages and redeems the code: the starting point of most token tests. */
export async function tokensForMegan(sandbox: SandboxTenant) {
  const { answer, verifier } = await signInOverHttp(sandbox, { account: 'MeganB@contoso.onmicrosoft.com' })
  return redeemCode(sandbox, answer.fields.get('code') ?? '', verifier)
}

export function decodeJwt(jwt: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = jwt.split('.')
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>
  return { header: decode(header), claims: decode(claims) }
}
