import type { ServerResponse } from 'node:http'
import { contentSecurityPolicy } from '../../main/content-security-policy.ts'
import type { Refusal } from './request-guard.ts'

export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store'
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...securityHeaders(), 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

export function sendHtml(response: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...securityHeaders(), 'content-type': 'text/html; charset=utf-8', ...headers })
  response.end(html)
}

export function refuse(response: ServerResponse, { status, reason }: Refusal): void {
  response.writeHead(status, { ...securityHeaders(), 'content-type': 'text/plain; charset=utf-8' })
  response.end(reason)
}

/** 303, so that the browser fetches the clean address with GET and the token leaves the address bar. */
export function redirectTo(response: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  response.writeHead(303, { ...securityHeaders(), location, ...headers })
  response.end()
}
