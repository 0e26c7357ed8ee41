import type { DisconnectOptions, DisconnectResult } from '../../../shared/microsoft-365.ts'
import { withActivity, type NewActivity } from '../../activity/activity-history.ts'
import { ConsoleUserError } from '../../console-user-error.ts'
import type { Logger } from '../../logger.ts'
import type { StateRepository } from '../../state/state-repository.ts'
import { removeConsoleGrants, removeGrantsByHand } from '../graph/console-grant-removal.ts'
import { createMicrosoftGraphClient } from '../graph/microsoft-graph-client.ts'
import type { CurrentCloud, ReadyCloud } from '../microsoft-cloud-session.ts'
import type { BrowserSignIn, SignInFailureReason } from '../sign-in/microsoft-sign-in.ts'
import { grantRemovalScope } from './microsoft365-scopes.ts'

export interface Microsoft365DisconnectorDeps {
  repository: StateRepository
  cloud: () => Promise<CurrentCloud>
  /** Deletes the token cache and its keychain key, whatever the cloud is now. */
  eraseTokenCache: () => Promise<void>
  logger: Logger
  now: () => Date
  signInTimeLimitMs: number
}

/**
 * "Disconnecting your Microsoft 365 account": YES, DISCONNECT forgets the connection here, and, when
 * the admin asks, first removes the console's grant from the tenant. Removing it needs a write
 * permission the standing grant never holds, so it is asked for now, in the browser, and only now.
 */
export class Microsoft365Disconnector {
  readonly #deps: Microsoft365DisconnectorDeps
  #removalSignIn: BrowserSignIn | undefined
  #running = false

  constructor(deps: Microsoft365DisconnectorDeps) {
    this.#deps = deps
  }

  /** Cancel while YES, DISCONNECT waits for the browser: the disconnect goes on, the grant stays. */
  cancelSignIn(): null {
    this.#removalSignIn?.cancel()
    return null
  }

  async disconnect({ removePermissions }: DisconnectOptions): Promise<DisconnectResult> {
    const connection = this.#deps.repository.read().connections.microsoft365
    if (!connection || connection.status === 'notConnected') {
      throw new ConsoleUserError('notConnected', 'Microsoft 365 is not connected, so there is nothing to disconnect.')
    }
    if (this.#running) throw new ConsoleUserError('disconnectInProgress', 'Microsoft 365 is already being disconnected.')
    this.#running = true
    try {
      // A cloud that cannot open now (a sandbox that failed to start) must not keep the admin connected.
      const cloud = await this.#deps.cloud().catch((error: unknown): CurrentCloud => {
        this.#deps.logger.error('the Microsoft cloud could not be opened for a disconnect', { error })
        return { kind: 'unconfigured' }
      })
      const result: DisconnectResult = removePermissions
        ? await this.#removeGrant(cloud, connection.account)
        : { permissions: 'kept' }
      const at = this.#deps.now().toISOString()
      const { tenant, account } = connection
      // The grant's removal (or its failure) happened first; the disconnect is the newest entry.
      const entries: NewActivity[] = []
      if (result.permissions === 'removed') {
        entries.push({ at, kind: 'permissionsRemoved', tenant, account, summary: 'The console’s permissions were removed from the tenant' })
      }
      if (result.permissions === 'notRemoved') {
        entries.push({ at, kind: 'permissionsNotRemoved', tenant, account, summary: 'The console’s permissions could not be removed from the tenant' })
      }
      entries.push({ at, kind: 'disconnected', tenant, account, summary: 'Disconnected from protection' })
      // The record goes first: if it cannot be saved, the tokens are still there to match it, except
      // any that the grant's removal just added, which hold a write permission and never stay.
      try {
        await this.#deps.repository.update((state) => {
          const { microsoft365: _removed, ...connections } = state.connections
          const { microsoft365SignIn: _account, ...rest } = state
          // The heartbeats belonged to this connection; a heartbeat still running finds it gone and stores nothing.
          return withActivity({ ...rest, connections, microsoft365Heartbeats: [] }, ...entries)
        })
      } catch (error) {
        if (removePermissions) await this.#eraseTokens()
        throw error
      }
      await this.#eraseTokens()
      return result
    } finally {
      this.#running = false
    }
  }

  async #eraseTokens(): Promise<void> {
    await this.#deps.eraseTokenCache().catch((error: unknown) => this.#deps.logger.error('the token cache could not be removed', { error }))
  }

  async #removeGrant(cloud: CurrentCloud, account: string): Promise<DisconnectResult> {
    if (cloud.kind === 'unconfigured') {
      return { permissions: 'notRemoved', title: 'The console’s permissions were not removed, because no app registration is configured.', fix: removeGrantsByHand, details: null }
    }
    const browser = cloud.signIn.start({
      scopes: [grantRemovalScope(cloud.endpoints)],
      loginHint: account,
      timeLimitMs: this.#deps.signInTimeLimitMs
    })
    this.#removalSignIn = browser
    const outcome = await browser.outcome
    this.#removalSignIn = undefined
    if (!outcome.ok) {
      return { permissions: 'notRemoved', title: whyNotSignedIn(outcome.reason), fix: removeGrantsByHand, details: outcome.details }
    }
    return this.#deleteGrants(cloud, outcome.signedIn.accessToken)
  }

  async #deleteGrants(cloud: ReadyCloud, accessToken: string): Promise<DisconnectResult> {
    const graph = createMicrosoftGraphClient({ graphEndpoint: cloud.endpoints.graphEndpoint, accessToken: () => Promise.resolve(accessToken) })
    const removal = await removeConsoleGrants({ graph, clientId: cloud.clientId })
    if (removal.ok) return { permissions: 'removed' }
    return { permissions: 'notRemoved', title: removal.title, fix: removal.fix, details: removal.details }
  }
}

function whyNotSignedIn(reason: SignInFailureReason): string {
  switch (reason) {
    case 'cancelled':
      return 'The console’s permissions were not removed from the tenant, because the sign-in was cancelled.'
    case 'timedOut':
      return 'The console’s permissions were not removed from the tenant, because the sign-in was not finished in time.'
    case 'declined':
      return 'The console’s permissions were not removed from the tenant, because the permission to remove them was not accepted.'
    case 'network':
      return 'The console’s permissions were not removed from the tenant, because Microsoft could not be reached.'
    case 'rejected':
    case 'microsoft':
      return 'The console’s permissions were not removed from the tenant, because Microsoft did not complete the sign-in.'
  }
}
