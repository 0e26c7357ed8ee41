/**
 * `PREVIEW_SIGN_IN_TIME_LIMIT_SECONDS` shortens the 5-minute sign-in limit, so an end-to-end test can
 * watch it pass. Development only: the app has no such switch.
 */
export function signInTimeLimitFromEnvironment(env: NodeJS.ProcessEnv): { signInTimeLimitMs?: number } {
  const raw = env.PREVIEW_SIGN_IN_TIME_LIMIT_SECONDS?.trim()
  if (!raw || !/^\d{1,4}$/.test(raw) || Number(raw) === 0) return {}
  return { signInTimeLimitMs: Number(raw) * 1000 }
}
