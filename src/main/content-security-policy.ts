/**
 * The one source of the console's CSP: the HTTP header (the renderer scheme's responses, the session
 * policy, the web preview) and the built page's meta tag (written by a plugin in electron.vite.config.ts).
 *
 * The page may load only its own scripts and talk only to its own origin. Inline styles are allowed
 * because the dialog primitives set scroll-lock styles at run time; inline scripts are not.
 */
const directives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
]

export const contentSecurityPolicy = directives.join('; ')

/** Directives that a `<meta>` policy ignores (with a console warning); only the header can carry them. */
export const headerOnlyDirectives = ['frame-ancestors', 'report-uri', 'sandbox']

/** The same policy, less what a meta tag cannot express. */
export const metaContentSecurityPolicy = directives.filter((directive) => !headerOnlyDirectives.includes(directive.split(' ')[0] ?? '')).join('; ')
