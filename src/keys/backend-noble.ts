/**
 * The pure-JavaScript Ed25519 backend over @noble/ed25519, used where the runtime has no native
 * Ed25519 (or where the native one fails the conformance probe). Loaded lazily by `ed25519.ts`.
 *
 * noble's own `verify(…, { zip215: false })` checks the cofactored equation [8][S]B = [8]R + [8][k]A,
 * which accepts signatures that OpenSSL/BoringSSL (cofactorless) reject. So verification here is
 * written out as RFC 8032 §5.1.7 with the cofactorless check, over noble's `Point`.
 *
 * @module
 */
import { etc, getPublicKey, hashes, Point, sign } from '@noble/ed25519'
import { sha512 } from '@noble/hashes/sha2.js'
import type { Ed25519Backend } from './interface.js'

// noble's synchronous API needs a SHA-512; give it noble-hashes' (pure, no Web Crypto needed).
hashes.sha512 = sha512

const L = Point.CURVE().n

function bytesToNumberLE(bytes: Uint8Array): bigint {
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!)
  return n
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/**
 * RFC 8032 §5.1.7, cofactorless. Assumes nothing about its inputs: every check is repeated here so
 * that the function is correct on its own (the strict pre-checks in `strict.ts` run before it
 * anyway).
 *
 * @param publicKey - 32-byte A
 * @param message - M
 * @param signature - 64-byte R ‖ S
 * @returns whether [S]B = R + [k]A, comparing the encoding of [S]B − [k]A with the R bytes
 * @throws nothing; malformed input returns false
 * @example
 * ```ts
 * verifyCofactorless(publicKey, message, signature) // true or false
 * ```
 */
export function verifyCofactorless(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false
  const r = signature.subarray(0, 32)
  // §5.1.7 step 1: S must satisfy 0 ≤ S < L.
  const s = bytesToNumberLE(signature.subarray(32, 64))
  if (s >= L) return false
  // §5.1.7 step 1: decode A strictly (§5.1.3: y < p, on the curve, not x = 0 with sign bit 1).
  let A: Point
  try {
    A = Point.fromBytes(publicKey, false)
  } catch {
    return false
  }
  // R is not decoded: [S]B − [k]A always encodes canonically, so a non-canonical or off-curve R can
  // never match its bytes, which is exactly "decoding R fails → invalid".
  // §5.1.7 step 2: k = SHA-512(dom2(F, C) ‖ R ‖ A ‖ PH(M)) mod L; dom2 is empty for Ed25519.
  const k = etc.mod(bytesToNumberLE(sha512(etc.concatBytes(r, publicKey, message))), L)
  // §5.1.7 step 3, cofactorless: [S]B = R + [k]A ⇔ encode([S]B − [k]A) = R.
  const sB = Point.BASE.multiply(s, false)
  const kA = A.multiply(k, false)
  return equalBytes(sB.subtract(kA).toBytes(), r)
}

/**
 * The noble backend. `verifyConcurrent` is the same as `verify` (pure JS has no thread pool).
 *
 * @example
 * ```ts
 * const { nobleBackend } = await import('./backend-noble.js')
 * await nobleBackend.verify(publicKey, message, signature)
 * ```
 */
export const nobleBackend: Ed25519Backend = Object.freeze({
  name: 'noble' as const,
  async verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    return verifyCofactorless(publicKey, message, signature)
  },
  async verifyConcurrent(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    return verifyCofactorless(publicKey, message, signature)
  },
  verifySync(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    return verifyCofactorless(publicKey, message, signature)
  },
  async sign(seed: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
    return sign(message, seed) // RFC 8032 §5.1.6
  },
  async publicKey(seed: Uint8Array): Promise<Uint8Array> {
    return getPublicKey(seed) // RFC 8032 §5.1.5
  },
})
