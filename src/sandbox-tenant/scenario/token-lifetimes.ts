/** Lifetimes of what the token endpoint issues, in seconds; scenarios shorten them to test expiry. */
export interface TokenLifetimes {
  accessTokenSeconds: number
  refreshTokenSeconds: number
  authorizationCodeSeconds: number
}

/** Entra's defaults: about an hour for access tokens, 90 days for refresh tokens, 10 minutes for codes. */
export const defaultTokenLifetimes: TokenLifetimes = {
  accessTokenSeconds: 3599,
  refreshTokenSeconds: 90 * 24 * 60 * 60,
  authorizationCodeSeconds: 600
}
