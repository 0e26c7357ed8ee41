import type { SecretStore } from './secret-store.ts'

type Keytar = typeof import('keytar')

/**
 * keytar is a native module: on a machine without it, or without a Secret Service, loading or
 * calling it fails. Loading it at the first call, not at start-up, turns that into a rejected
 * promise, which the token cache answers by keeping the sign-in for the session only.
 */
export function loadKeytarSecretStore(): SecretStore {
  let loading: Promise<Keytar> | undefined
  function keytar(): Promise<Keytar> {
    loading ??= import('keytar').then(
      // keytar is CommonJS, and Node's named exports for it are incomplete: its functions are on `default`.
      (module) => module.default,
      (error: unknown) => {
        // A later call may find the module (say, after a repair), so a failure is not kept.
        loading = undefined
        throw error
      }
    )
    return loading
  }
  return {
    getPassword: async (service, account) => (await keytar()).getPassword(service, account),
    setPassword: async (service, account, password) => (await keytar()).setPassword(service, account, password),
    deletePassword: async (service, account) => (await keytar()).deletePassword(service, account)
  }
}
