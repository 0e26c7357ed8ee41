import { escapeHtml, htmlResponse, redirectResponse, type SandboxResponse } from '../http/sandbox-http.ts'
import type { SignInFlow } from './sign-in-flows.ts'

/**
 * Answers the app at its validated redirect URI, in the response mode it asked for. For
 * `form_post` this is Entra's auto-submitting form, with a button for browsers without script.
 */
export type AppAddress = Pick<SignInFlow, 'redirectUri' | 'responseMode' | 'state'>

export function answerApp(flow: AppAddress, parameters: ReadonlyArray<readonly [string, string]>): SandboxResponse {
  const fields = [...parameters]
  if (flow.state !== null) fields.push(['state', flow.state])
  if (flow.responseMode === 'form_post') return formPostPage(flow.redirectUri, fields)
  const target = new URL(flow.redirectUri)
  const encoded = new URLSearchParams(fields.map(([name, value]): [string, string] => [name, value])).toString()
  if (flow.responseMode === 'fragment') target.hash = encoded
  else for (const [name, value] of fields) target.searchParams.append(name, value)
  return redirectResponse(target.toString())
}

function formPostPage(redirectUri: URL, fields: ReadonlyArray<readonly [string, string]>): SandboxResponse {
  const inputs = fields
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n')
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Working...</title></head>
<body>
<form method="POST" name="hiddenform" action="${escapeHtml(redirectUri.toString())}">
${inputs}
<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>
</form>
<script>document.forms[0].submit();</script>
</body></html>`
  return htmlResponse(200, html, {
    // Only the one redirect URI that was validated may receive this form, and no other page may
    // frame it: a framed answer page would hand the code to whoever framed it.
    'Content-Security-Policy': `default-src 'none'; script-src 'unsafe-inline'; form-action ${redirectUri.origin}; base-uri 'none'; frame-ancestors 'none'`,
    'X-Frame-Options': 'DENY'
  })
}
