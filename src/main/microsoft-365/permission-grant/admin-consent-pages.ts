/**
 * What the console's loopback shows in the browser tab once Microsoft's answer arrives. Like the
 * sign-in's pages it stays short: the console's window says what happened and what to do.
 */
function page(heading: string, text: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${heading} – Protection Console</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>',
    `</head><body><main><h1>${heading}</h1><p>${text}</p></main></body></html>`
  ].join('')
}

export const permissionsGrantedPage = page(
  'Permissions granted',
  'You can close this tab and return to the console. The changes take effect at the next heartbeat.'
)

export const permissionsNotGrantedPage = page('The permissions were not granted', 'You can close this tab and return to the console, which says what happened.')

/** A request without the console's own `state`: a stale tab, or a page that is not Microsoft's. */
export const unexpectedAnswerPage = page('This answer was not expected', 'The console did not ask for it, so it ignored it. You can close this tab.')
