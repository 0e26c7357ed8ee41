/**
 * What MSAL's loopback shows in the browser tab once the answer arrives. It stays generic on
 * purpose: the console's window says what happened, and the tab must show no error text.
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

export const signInSuccessPage = page('You are signed in', 'You can close this tab and return to the console.')

export const signInErrorPage = page('The sign-in did not finish', 'You can close this tab and return to the console, which says what happened.')
