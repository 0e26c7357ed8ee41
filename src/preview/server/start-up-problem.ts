import { errorCode } from '../../main/error-code.ts'

/** What the terminal says when the preview cannot listen or its sandbox cannot start, with the fix. */
export function whyThePreviewCannotStart(error: unknown, port: number): string {
  const code = errorCode(error)
  if (code === 'EADDRINUSE') return `Port ${port} is already in use by another program. Set PORT to another port, or leave it unset for a free one.`
  if (code === 'EACCES') return `The preview may not listen on port ${port}. Set PORT to a port above 1023, or leave it unset for a free one.`
  return 'The web preview could not start. The line logged above has the details; run it again, and if it keeps failing, run npm run build first.'
}
