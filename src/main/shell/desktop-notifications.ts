import { Notification } from 'electron'
import type { DesktopNotification } from '../composition.ts'
import { whenPageLoaded } from './window.ts'

export type Notify = (notification: DesktopNotification, onClick: () => void) => void

/**
 * OS notifications, or undefined where the system has none. Electron holds a notification only
 * weakly: one the garbage collector takes loses its click (electron/electron#16922), so each is kept
 * until it is clicked or closed.
 */
export function desktopNotifications(showMainWindow: () => void): Notify | undefined {
  if (!Notification.isSupported()) return undefined
  const shown = new Set<Notification>()
  return ({ title, body }, onClick) => {
    const notification = new Notification({ title, body })
    const release = () => shown.delete(notification)
    notification.on('click', () => {
      release()
      showMainWindow()
      whenPageLoaded(onClick)
    })
    notification.on('close', release)
    notification.on('failed', release)
    shown.add(notification)
    notification.show()
  }
}
