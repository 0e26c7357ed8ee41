import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Compares a secret someone offered with the real one in constant time. Both are hashed first, so
 * that neither the content nor the length of the real secret shows in how long a wrong guess takes.
 */
export function secretsMatch(offered: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(offered), digest(expected))
}
