/**
 * Keyed by the state version that introduced the change, as electron-store and conf expect.
 * Each migration rewrites the stored object in place from the previous version's shape.
 */
export interface MigratableStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export const stateMigrations: Record<string, (store: MigratableStore) => void> = {
  /**
   * 1.1.0 added the activity history and Settings. Version 1.0.0 could not connect, so a stored
   * connection record from it can only be a "not connected" one, and it is kept as it is.
   */
  '1.1.0': (store) => {
    if (!Array.isArray(store.get('activity'))) store.set('activity', [])
  },
  /** 1.2.0 added the heartbeat history and the heartbeat interval; a 1.1.0 connection has no heartbeats yet. */
  '1.2.0': (store) => {
    if (!Array.isArray(store.get('microsoft365Heartbeats'))) store.set('microsoft365Heartbeats', [])
  }
}
