import { createConnection } from 'node:net'

/** Waits, up to 3 s, until nothing accepts connections on a loopback port: a listener that was meant to close did. */
export async function expectPortClosed(port: number): Promise<void> {
  const deadline = Date.now() + 3000
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(false)
      })
      socket.once('error', () => resolve(true))
    })
    if (refused) return
    if (Date.now() > deadline) throw new Error(`port ${port} is still open`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
