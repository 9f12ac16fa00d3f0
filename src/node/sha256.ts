/**
 * SHA-256 over `node:crypto` (OpenSSL): about 4× faster than pure JS for a record's few hundred
 * bytes. What `#sha256-platform` resolves to in Node; `src/codec/sha256-web.ts` everywhere else.
 *
 * @module
 */
import crypto from 'node:crypto'

// crypto.hash (one shot, no Hash object) exists from Node 20.12 / 21.7; createHash otherwise.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer }).hash

/**
 * SHA-256 (FIPS 180-4) of some bytes.
 *
 * @param bytes - the message
 * @returns the 32-byte digest (a plain Uint8Array view, not a Buffer)
 * @example
 * ```ts
 * sha256(new TextEncoder().encode('abc')) // ba7816bf…
 * ```
 */
export function sha256(bytes: Uint8Array): Uint8Array {
  const digest = oneShot !== undefined ? oneShot('sha256', bytes, 'buffer') : crypto.createHash('sha256').update(bytes).digest()
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength)
}
