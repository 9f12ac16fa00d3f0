/**
 * SHA-256 outside Node: @noble/hashes, synchronous (Web Crypto's digest is asynchronous, and slower
 * than this for the few hundred bytes of a record). This file is what `#sha256-platform` resolves
 * to outside Node; `src/node/sha256.ts` is the Node one. No `node:` imports here.
 *
 * @module
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'

/**
 * SHA-256 (FIPS 180-4) of some bytes.
 *
 * @param bytes - the message
 * @returns the 32-byte digest
 * @example
 * ```ts
 * sha256(new TextEncoder().encode('abc')) // ba7816bf…
 * ```
 */
export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes)
}
