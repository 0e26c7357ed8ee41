import type { IncomingMessage } from 'node:http'

export type BodyReading = { kind: 'read'; body: Buffer } | { kind: 'tooLarge' }

/**
 * Reads a request body whole, but never more than `maxBytes` of it. A declared length over the limit is
 * refused before a byte is read. An over-large body is left unread, so the caller must close the
 * connection after answering (see `closeConnectionAfter`).
 */
export function readBodyWithin(incoming: IncomingMessage, maxBytes: number): Promise<BodyReading> {
  if (Number(incoming.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve({ kind: 'tooLarge' })
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        stopListening()
        // Breaking out of the stream instead would destroy the socket before the refusal is written.
        incoming.pause()
        resolve({ kind: 'tooLarge' })
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      stopListening()
      resolve({ kind: 'read', body: Buffer.concat(chunks) })
    }
    const onError = (error: Error) => {
      stopListening()
      reject(error)
    }
    function stopListening() {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onError)
    }
    incoming.on('data', onData)
    incoming.once('end', onEnd)
    incoming.once('error', onError)
  })
}
