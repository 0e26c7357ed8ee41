import type { IncomingHttpHeaders } from 'node:http'
import { isJsonContentType, parseJson, type JsonParsing } from '../../loopback-http/parse-json.ts'
import { readCookie } from '../../loopback-http/read-cookie.ts'
import type { ServiceFault } from '../scenario/service-faults.ts'

/** A request as the sandbox's services see it: already read, never a stream. */
export interface SandboxRequest {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface SandboxResponse {
  status: number
  headers: Record<string, string>
  body: string | undefined
}

/** One of the three services behind the base URL. */
export interface SandboxServiceHandler {
  handle(request: SandboxRequest): Promise<SandboxResponse> | SandboxResponse
  /** How this service answers an outage or throttling, in its own error shape. */
  faultResponse(fault: ServiceFault, request: SandboxRequest): SandboxResponse
  /** How this service answers an unexpected failure, in its own error shape and without a stack trace. */
  internalErrorResponse(request: SandboxRequest): SandboxResponse
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body)
  }
}

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // Like Entra's own pages, never framed: a framed Accept button could be clicked by deceit.
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action http://localhost:* http://127.0.0.1:* 'self'; base-uri 'none'; frame-ancestors 'none'",
      'X-Frame-Options': 'DENY',
      ...headers
    },
    body: html
  }
}

export function redirectResponse(location: string): SandboxResponse {
  return { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' }, body: undefined }
}

/** Form fields of an `application/x-www-form-urlencoded` body, or null when the body is something else. */
export function readForm(request: SandboxRequest): URLSearchParams | null {
  const type = String(request.headers['content-type'] ?? '').toLowerCase()
  if (!type.startsWith('application/x-www-form-urlencoded')) return null
  return new URLSearchParams(request.body.toString('utf8'))
}

/** Whether the request says its body is JSON, by the same rule as the web preview's. */
export function sendsJson(request: SandboxRequest): boolean {
  return isJsonContentType(request.headers['content-type'])
}

export function readJson(request: SandboxRequest): JsonParsing {
  return parseJson(request.body)
}

/** One cookie the browser sent, read by the same rules as the web preview's. */
export function readRequestCookie(request: SandboxRequest, name: string): string | undefined {
  return readCookie(request.headers.cookie, name)
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
