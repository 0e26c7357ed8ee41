import { BrowserWindow, ipcMain } from 'electron'
import { eventChannel, invokeChannel, methodNames } from '../../shared/contract.ts'
import type { ConsoleEventHub } from '../console-events.ts'
import type { Dispatch } from '../ipc/dispatcher.ts'

export function registerIpcBridge(dispatch: Dispatch, events: ConsoleEventHub): void {
  for (const method of methodNames) {
    ipcMain.handle(invokeChannel(method), (event, args: unknown) => {
      // Only a window's main frame speaks for the console; subframes get no URL and are refused.
      const frame = event.senderFrame
      const isMainFrame = frame !== null && frame === event.sender.mainFrame
      return dispatch(method, args, { url: isMainFrame ? frame.url : null })
    })
  }
  events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(eventChannel(event), payload)
  })
}
