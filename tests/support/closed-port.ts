import { createServer } from 'node:net'

/**
 * A loopback port that nothing listens on: the address of a Microsoft the console cannot reach, or a
 * free port for a process to take. It was free a moment ago; nothing else on a test machine races for it.
 */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (typeof address !== 'object' || address === null) throw new Error('The loopback listener has no port.')
  return address.port
}
