import { escapeHtml, htmlResponse, type SandboxResponse } from '../http/sandbox-http.ts'

const styles = `
  body { margin: 0; font-family: "Segoe UI", system-ui, sans-serif; background: #f2f2f2; color: #1b1b1b; }
  main { max-width: 440px; margin: 48px auto; background: #fff; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  .brand { font-weight: 600; color: #737373; margin: 0 0 16px; }
  h1 { font-size: 24px; font-weight: 600; margin: 0 0 16px; }
  .account { display: block; width: 100%; text-align: left; padding: 12px; margin: 0 0 8px; border: 1px solid #ccc;
    background: #fff; cursor: pointer; font: inherit; }
  .account:hover, .account:focus { background: #e6e6e6; }
  .account .name { display: block; font-weight: 600; }
  .account .upn { display: block; color: #505050; font-size: 13px; }
  ul.permissions { padding-left: 20px; }
  ul.permissions li { margin-bottom: 10px; }
  .description { display: block; color: #505050; font-size: 13px; }
  .buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 24px; }
  .buttons button { min-width: 108px; padding: 6px 12px; font: inherit; border: 1px solid #767676; background: #ccc; cursor: pointer; }
  .buttons button.primary { background: #0067b8; border-color: #0067b8; color: #fff; }
  .error-code { font-family: Consolas, monospace; font-size: 13px; color: #505050; word-break: break-word; }
  .sandbox-note { margin-top: 24px; font-size: 12px; color: #737373; }
`

/** A page of the sandbox's sign-in experience, laid out like Microsoft's sign-in card. */
export function renderPage(status: number, title: string, body: string, headers: Record<string, string> = {}): SandboxResponse {
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${styles}</style></head>
<body><main>
<p class="brand">Microsoft</p>
${body}
<p class="sandbox-note">Sandbox tenant: a simulation of Microsoft Entra ID on this computer.</p>
</main></body>
</html>`
  return htmlResponse(status, html, headers)
}

export function hiddenField(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`
}
