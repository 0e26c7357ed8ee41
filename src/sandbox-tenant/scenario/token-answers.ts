/**
 * How the token endpoint words what it answers, where Entra's behaviour is captured rather than
 * documented, so that a scenario can show what the console does if Entra ever stops doing it.
 */
export interface TokenAnswers {
  /**
   * Whether a `.default` answer ends its `scope` with the literal `…/.default` after the expanded
   * permissions, as captured real responses do. MSAL caches under the answered scopes, so without
   * it a silent `.default` request never finds its token.
   */
  echoDefaultScope: boolean
}

export const defaultTokenAnswers: TokenAnswers = { echoDefaultScope: true }
