/** The `code` a Node or library error carries (`EACCES`, `EADDRINUSE`…), whatever was thrown. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}
