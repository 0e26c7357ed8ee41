import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/**
 * The token cache at rest: AES-256-GCM with a fresh 12-byte IV per write. GCM's tag makes a wrong
 * key and a tampered file fail the same way, so the caller needs one rule: unreadable means empty.
 *
 * The file is binary: a header naming the format, the IV, the tag, then the ciphertext. Binary
 * rather than base64 text, so that no run of ciphertext can look like a token to a scan of the data
 * folder (base64 turns up "eyJ…", a JWT's opening, in a few percent of files this size).
 */
const algorithm = 'aes-256-gcm'
const keyBytes = 32
const ivBytes = 12
const tagBytes = 16
/** Names the format and its version; it is also the authenticated data, so no other GCM blob can stand in. */
const header = Buffer.from('PCTC\u0001', 'latin1')

export function newCacheKey(): Buffer {
  return randomBytes(keyBytes)
}

/** The keychain keeps text, so the key travels as base64; anything that is not 32 bytes is no key. */
export function cacheKeyFromText(text: string): Buffer | null {
  const trimmed = text.trim()
  const key = Buffer.from(trimmed, 'base64')
  return key.length === keyBytes && key.toString('base64') === trimmed ? key : null
}

export function cacheKeyToText(key: Buffer): string {
  return key.toString('base64')
}

export function encryptCache(plaintext: string, key: Buffer): Buffer {
  const iv = randomBytes(ivBytes)
  const cipher = createCipheriv(algorithm, key, iv, { authTagLength: tagBytes })
  cipher.setAAD(header)
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext])
}

/** Throws when the file is not ours, was altered, or was written under another key. */
export function decryptCache(stored: Buffer, key: Buffer): string {
  const ivStart = header.length
  const tagStart = ivStart + ivBytes
  const ciphertextStart = tagStart + tagBytes
  if (stored.length < ciphertextStart || !stored.subarray(0, ivStart).equals(header)) {
    throw new Error('The token cache file is not in the expected format.')
  }
  const decipher = createDecipheriv(algorithm, key, stored.subarray(ivStart, tagStart), { authTagLength: tagBytes })
  decipher.setAAD(header)
  decipher.setAuthTag(stored.subarray(tagStart, ciphertextStart))
  return Buffer.concat([decipher.update(stored.subarray(ciphertextStart)), decipher.final()]).toString('utf8')
}
