/**
 * Something that can produce Ed25519 signatures for one did:key. The secret may live in memory, in a
 * non-extractable Web Crypto key, or in a KMS/HSM behind a callback; callers never see it.
 *
 * @example
 * ```ts
 * const signer = signerFromSeed(seed)
 * const sig = await signer.sign(new TextEncoder().encode('hello'))
 * ```
 */
export interface Signer {
  /** The signer's did:key (`did:key:z6Mk…`). */
  readonly did: string
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array
  /** Signs `message` (the full message, not a hash); resolves to a 64-byte signature. */
  sign(message: Uint8Array): Promise<Uint8Array>
}

/** A 32-byte Ed25519 seed with its public key and did:key. */
export interface KeyPair {
  /** The 32-byte secret seed (RFC 8032 §5.1.5 "private key"). Keep it secret. */
  readonly seed: Uint8Array
  /** The 32-byte public key. */
  readonly publicKey: Uint8Array
  /** did:key form of the public key. */
  readonly did: string
}

/**
 * One Ed25519 implementation. All backends accept and reject exactly the same signatures: the
 * strict pre-checks run before any backend is asked (see `strict.ts`), and every backend verifies
 * the cofactorless equation [S]B = R + [k]A (RFC 8032 §5.1.7 allows either form; OpenSSL and
 * BoringSSL use this one).
 */
export interface Ed25519Backend {
  readonly name: 'node' | 'sodium' | 'webcrypto' | 'noble'
  /**
   * Verifies after the strict pre-checks passed, as fast as possible for one call at a time
   * (node: synchronous OpenSSL call). Never throws for bad signatures.
   */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>
  /**
   * Same answer as `verify`, but suited to many calls in flight at once (node: OpenSSL on the
   * libuv thread pool). Backends without a pool may alias `verify`. Never rejects: any failure
   * is `false` (`verifyMany` relies on it).
   */
  verifyConcurrent(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>
  /**
   * Same answer as `verify`, returned at once, on backends that compute it on the calling thread
   * (node, sodium, noble); absent where the platform only answers asynchronously (Web Crypto). Lets a
   * one-at-a-time `verify` skip the promise hops of the asynchronous form.
   */
  verifySync?(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean
  /**
   * `verifyConcurrent` with a callback instead of a promise (node: node:crypto's own callback),
   * for batches, where a promise and its reaction per signature are measurable work. `done` is
   * always called later, never synchronously, exactly once.
   */
  verifyCallback?(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, done: (ok: boolean) => void): void
  /**
   * Present where checking on the calling thread costs well under the pool form (sodium: libsodium
   * here, OpenSSL on the pool): a batch then verifies on its own thread too, keeping this many pool
   * checks in flight beside it, about two per core the pool can have without taking the batch's.
   */
  readonly batchPoolLimit?: number
  /** Signs with a 32-byte seed. */
  sign(seed: Uint8Array, message: Uint8Array): Promise<Uint8Array>
  /** Derives the public key of a seed. */
  publicKey(seed: Uint8Array): Promise<Uint8Array>
}
