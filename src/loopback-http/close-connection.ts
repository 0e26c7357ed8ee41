import type { ServerResponse } from 'node:http'

/**
 * Makes this response the connection's last. Used after refusing a body that was not read to its end:
 * the unread rest would otherwise be taken for the next request on a kept-alive connection.
 */
export function closeConnectionAfter(outgoing: ServerResponse): void {
  outgoing.setHeader('Connection', 'close')
  // destroySoon flushes what is queued, then closes, so the refusal itself still arrives.
  outgoing.once('finish', () => outgoing.socket?.destroySoon())
}
