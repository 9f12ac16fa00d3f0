/**
 * The issuer's per-record revocation key (docs/spec.md §2.2). It is derived, not stored: the seed
 * is SHA-256 of the issuer's Ed25519 signature over `"counterfoil/v1/revocation-seed" 0x00 salt`.
 * Ed25519 signatures are deterministic (RFC 8032 §5.1.6), so the same issuer key and the same
 * record salt always give the same revocation key — whether the key is a raw seed, a
 * non-extractable Web Crypto key or a KMS — and nobody without the issuer key can compute it.
 * That signature is never published: its domain tag differs from every other signed thing.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesEqual } from '../codec/bytes.js'
import { DOMAIN, domainSeparated } from '../codec/domain.js'
import { CounterfoilError } from '../errors.js'
import { publicKeyFromSeed } from '../keys/ed25519.js'
import type { Signer } from '../keys/interface.js'

/** A per-record revocation key pair. */
export interface RevocationKeyPair {
  /** 32-byte seed; sign status statements with it. */
  readonly seed: Uint8Array
  /** 32-byte public key, as put in the record's `rev.issuer`. */
  readonly publicKey: Uint8Array
}

/** Signers already seen to sign the same input twice identically. */
const deterministic = new WeakSet<Signer>()

/**
 * Derives the issuer's revocation key for the record with this salt.
 *
 * @param signer - the issuer's signer
 * @param salt - the record's 32-byte salt
 * @returns the key pair
 * @throws {CounterfoilError} `ERR_SIGNER_FAILED` if the signer is not deterministic (checked on first use)
 * @example
 * ```ts
 * const { publicKey } = await deriveRevocationKey(issuer, record.payload.salt)
 * ```
 */
export async function deriveRevocationKey(signer: Signer, salt: Uint8Array): Promise<RevocationKeyPair> {
  const input = domainSeparated(DOMAIN.revocationSeed, salt)
  const signature = await signer.sign(input)
  if (!deterministic.has(signer)) {
    // A signer that randomises Ed25519 (some HSMs do) would derive a different key every time, and
    // the issuer could never revoke the record. Checked once per signer object: sign again, compare.
    if (!bytesEqual(signature, await signer.sign(input))) {
      throw new CounterfoilError('ERR_SIGNER_FAILED', `signer ${signer.did} does not sign deterministically (RFC 8032 §5.1.6), so it could not re-derive this record's revocation key; use an RFC 8032 Ed25519 signer`)
    }
    deterministic.add(signer)
  }
  const seed = sha256(signature)
  return { seed, publicKey: await publicKeyFromSeed(seed) }
}

