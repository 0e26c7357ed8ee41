import type { ReactNode } from 'react'

/**
 * In the app, main turns the new-window request into the system browser (allowlisted origins only);
 * in the web preview, the browser opens a new tab.
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a className="external-link" href={href} target="_blank" rel="noreferrer noopener">
      {children}
      <span className="visually-hidden"> (opens in your browser)</span>
    </a>
  )
}
