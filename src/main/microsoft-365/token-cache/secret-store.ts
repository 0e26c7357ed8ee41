/**
 * The OS keychain, as keytar exposes it: macOS Keychain, Windows Credential Manager, or the Secret
 * Service on Linux. A host hands one to the composition root; tests hand one that fails on purpose.
 */
export interface SecretStore {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}
