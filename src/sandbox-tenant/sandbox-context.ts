import type { AccessTokens } from './tokens/access-tokens.ts'
import type { JwtSigner } from './tokens/jwt-signer.ts'
import type { RefreshTokens } from './tokens/refresh-tokens.ts'
import type { ServiceFaults } from './scenario/service-faults.ts'
import type { TokenAnswers } from './scenario/token-answers.ts'
import type { TokenLifetimes } from './scenario/token-lifetimes.ts'
import type { TenantWorld } from './world/tenant-world.ts'

/** What every service of one sandbox instance shares. */
export interface SandboxContext {
  /** `http://127.0.0.1:PORT/`, with the trailing slash. */
  baseUrl: string
  world: TenantWorld
  faults: ServiceFaults
  tokenLifetimes: TokenLifetimes
  tokenAnswers: TokenAnswers
  signer: JwtSigner
  accessTokens: AccessTokens
  refreshTokens: RefreshTokens
  now: () => number
  /** What the sandbox has been asked, so that tests can show a client answered from its cache instead. */
  traffic: { tokenRequests: number }
  /** What each service forgets when the scenario is reset: sign-in sessions, codes, started subscriptions. */
  resetHooks: Array<() => void>
}
