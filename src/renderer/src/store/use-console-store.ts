import { useStore } from 'zustand'
import { createConsoleStore, type ConsoleStore } from './console-store.ts'

export const consoleStore = createConsoleStore(() => window.api)

export function useConsoleStore<T>(select: (state: ConsoleStore) => T): T {
  return useStore(consoleStore, select)
}
