/**
 * Keyed by the state version that introduced the change, as electron-store and conf expect.
 * Each migration rewrites the stored object in place from the previous version's shape.
 */
export interface MigratableStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export const stateMigrations: Record<string, (store: MigratableStore) => void> = {}
