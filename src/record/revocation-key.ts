/**
 * The issuer's per-record revocation key (docs/spec.md §2.2). It is derived, not stored: the seed
 * is SHA-256 of the issuer's Ed25519 signature over `"counterfoil/v1/revocation-seed" 0x00 salt`.
 * Ed25519 signatures are deterministic (RFC 8032 §5.1.6), so the same issuer key and the same
 * record salt always give the same revocation key — whether the key is a raw seed, a
 * non-extractable Web Crypto key or a KMS — and nobody without the issuer key can compute it.
 * That signature is never published: its domain tag differs from every other signed thing.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { DOMAIN, domainSeparated } from '../codec/domain.js'
import { publicKeyFromSeed } from '../keys/ed25519.js'
import type { Signer } from '../keys/interface.js'

/** A per-record revocation key pair. */
export interface RevocationKeyPair {
  /** 32-byte seed; sign status statements with it. */
  readonly seed: Uint8Array
  /** 32-byte public key, as put in the record's `rev.issuer`. */
  readonly publicKey: Uint8Array
}

/**
 * Derives the issuer's revocation key for the record with this salt.
 *
 * @param signer - the issuer's signer
 * @param salt - the record's 32-byte salt
 * @returns the key pair
 * @example
 * ```ts
 * const { publicKey } = await deriveRevocationKey(issuer, record.payload.salt)
 * ```
 */
export async function deriveRevocationKey(signer: Signer, salt: Uint8Array): Promise<RevocationKeyPair> {
  const signature = await signer.sign(domainSeparated(DOMAIN.revocationSeed, salt))
  const seed = sha256(signature)
  return { seed, publicKey: await publicKeyFromSeed(seed) }
}
