import { net, powerMonitor } from 'electron'

/** How often the network is asked whether it is back: soon enough to feel immediate, cheap enough to forget. */
export const NETWORK_POLL_MS = 15_000

export interface SystemEventListeners {
  /** The computer woke from sleep. */
  resumed: () => void
  /** The network came back after being gone. */
  networkReturned: () => void
}

/**
 * Hands the services the power and network events. Electron's main process has no 'online' event,
 * so the network is polled, and only a change from offline to online counts. Returns the stop.
 */
export function watchSystemEvents(listeners: SystemEventListeners): () => void {
  const resumed = () => listeners.resumed()
  powerMonitor.on('resume', resumed)
  let online = net.isOnline()
  const poll = setInterval(() => {
    const now = net.isOnline()
    if (now && !online) listeners.networkReturned()
    online = now
  }, NETWORK_POLL_MS)
  // Quitting must not wait for the next poll.
  poll.unref()
  return () => {
    clearInterval(poll)
    powerMonitor.off('resume', resumed)
  }
}
