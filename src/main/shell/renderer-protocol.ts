import { protocol } from 'electron'
import { rendererScheme, serveRendererFile } from '../renderer-files.ts'

/**
 * Must run before the app is ready. `standard` gives the page a real origin (relative URLs, CSP
 * 'self', the sender check); `secure` makes it a secure context as https would; `supportFetchAPI`
 * lets the module bundle load its chunks.
 */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: rendererScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** Serves the built renderer folder, and nothing outside it, on the renderer scheme. */
export function serveRendererScheme(rendererDir: string): void {
  protocol.handle(rendererScheme, async (request) => {
    const reply = await serveRendererFile(rendererDir, { url: request.url, method: request.method })
    return new Response(reply.body, { status: reply.status, headers: reply.headers })
  })
}
