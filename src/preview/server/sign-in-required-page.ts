/** What a browser without the session sees: how to get in, and nothing of the console. */
export const signInRequiredPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Protection Console web preview: open the printed URL</title>
    <style>
      :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
      main { max-width: 40rem; margin: 4rem auto; padding: 0 1.5rem; }
      h1 { font-size: 1.5rem; }
      code { font-size: 0.95em; }
    </style>
  </head>
  <body>
    <main>
      <h1>This browser has no session of this preview</h1>
      <p>Open the URL the preview printed in its terminal, the line that starts with
        <code>http://127.0.0.1:</code> and ends with <code>?token=…</code>.</p>
      <p>That URL works once. If it was already used, for example in another browser, restart the preview
        (<code>npm run preview:web</code>) and open the new URL it prints.</p>
    </main>
  </body>
</html>
`
