/**
 * What a loopback shows in the browser tab once Microsoft's answer arrives: MSAL's after a sign-in,
 * the console's own after GRANT PERMISSIONS. It stays short and generic on purpose: the console's
 * window says what happened and what to do, and the tab must show no error text.
 */
export function browserTabPage(heading: string, text: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${heading} – Protection Console</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>',
    `</head><body><main><h1>${heading}</h1><p>${text}</p></main></body></html>`
  ].join('')
}
