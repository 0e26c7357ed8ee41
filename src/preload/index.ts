import { contextBridge, ipcRenderer } from 'electron'
import { createConsoleApi } from './console-api.ts'

contextBridge.exposeInMainWorld('api', createConsoleApi(ipcRenderer))
