/**
 * Ways to make a {@link Signer}: from a raw seed, from a non-extractable Web Crypto key, or from any
 * external signer (KMS, HSM, remote wallet) behind a callback. Signers that do not hold the seed in
 * memory check each signature against their public key before handing it out, so a wrong key, a
 * fault or a misbehaving service surfaces as `ERR_SIGNER_FAILED`, never as a bad signature.
 *
 * Randomness comes from `globalThis.crypto.getRandomValues`; no `node:` imports here.
 *
 * @module
 */
import { copyBytes } from '../codec/bytes.js'
import { CounterfoilError } from '../errors.js'
import { didFromPublicKey } from './did.js'
import { publicKeyFromSeed, signEd25519, verifyEd25519 } from './ed25519.js'
import type { KeyPair, Signer } from './interface.js'
import { assertBytesArg, checkPublicKey, SEED_LENGTH, SIGNATURE_LENGTH } from './strict.js'

/** A {@link Signer} over a Web Crypto key; `privateKey` can be stored in IndexedDB and reused. */
export interface CryptoKeySigner extends Signer {
  /** The (normally non-extractable) Ed25519 private CryptoKey. */
  readonly privateKey: CryptoKey
}

/** What {@link signerFromCallback} needs: the public key, and a function that signs with its secret. */
export interface SignerCallback {
  /** The 32-byte Ed25519 public key the external signer signs for. */
  readonly publicKey: Uint8Array
  /** Signs the full message (pure Ed25519, not pre-hashed); returns the 64-byte signature. */
  readonly sign: (message: Uint8Array) => Promise<Uint8Array | ArrayBuffer> | Uint8Array | ArrayBuffer
}

function subtleOrThrow(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle
  if (subtle === undefined) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', 'Web Crypto (crypto.subtle) is not available in this runtime (insecure context?)')
  }
  return subtle
}

/**
 * A fresh random key pair (seed from `crypto.getRandomValues`).
 *
 * @returns `{ seed, publicKey, did }`
 * @throws Error if the runtime has no `crypto.getRandomValues`
 * @example
 * ```ts
 * const { seed, did } = await generateKeyPair()
 * ```
 */
export async function generateKeyPair(): Promise<KeyPair> {
  return keyPairFromSeed(globalThis.crypto.getRandomValues(new Uint8Array(SEED_LENGTH)))
}

/**
 * The key pair of a 32-byte seed (RFC 8032 §5.1.5). The seed is copied.
 *
 * @param seed - the 32-byte secret seed
 * @returns `{ seed, publicKey, did }`
 * @throws TypeError if `seed` is not a Uint8Array; RangeError if it is not 32 bytes
 * @example
 * ```ts
 * const keyPair = await keyPairFromSeed(new Uint8Array(32))
 * keyPair.did // 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'
 * ```
 */
export async function keyPairFromSeed(seed: Uint8Array): Promise<KeyPair> {
  assertBytesArg(seed, 'seed', SEED_LENGTH)
  const own = copyBytes(seed)
  const publicKey = await publicKeyFromSeed(own)
  return Object.freeze({ seed: own, publicKey, did: didFromPublicKey(publicKey) })
}

/**
 * A signer that holds a 32-byte seed in memory. The seed is copied.
 *
 * @param seed - the 32-byte secret seed
 * @returns a Signer for the seed's did:key
 * @throws TypeError if `seed` is not a Uint8Array; RangeError if it is not 32 bytes
 * @example
 * ```ts
 * const signer = await signerFromSeed(keyPair.seed)
 * const signature = await signer.sign(message)
 * ```
 */
export async function signerFromSeed(seed: Uint8Array): Promise<Signer> {
  const { seed: own, publicKey, did } = await keyPairFromSeed(seed)
  return Object.freeze({
    did,
    publicKey,
    sign: (message: Uint8Array) => signEd25519(own, message),
  })
}

/**
 * A signer over an external signing function (KMS, HSM, remote wallet). Each signature the callback
 * returns is checked: 64 bytes, and valid for `publicKey` under the strict rule.
 *
 * @param options - `{ publicKey, sign }`
 * @returns a Signer for `publicKey`'s did:key
 * @throws TypeError if `publicKey` is not a Uint8Array or `sign` is not a function
 * @throws CounterfoilError `ERR_INVALID_KEY` if `publicKey` is not a valid Ed25519 public key
 * @example
 * ```ts
 * const signer = signerFromCallback({ publicKey, sign: (m) => kms.sign({ keyId, message: m }) })
 * // signer.sign(m) rejects with ERR_SIGNER_FAILED (with `cause`) if the KMS fails or lies
 * ```
 */
export function signerFromCallback(options: SignerCallback): Signer {
  if (typeof options !== 'object' || options === null) throw new TypeError(`"options" expected object, got ${options === null ? 'null' : typeof options}`)
  const { publicKey, sign } = options
  assertBytesArg(publicKey, 'publicKey')
  if (typeof sign !== 'function') throw new TypeError(`"sign" expected function, got type=${typeof sign}`)
  checkPublicKey(publicKey)
  const own = copyBytes(publicKey)
  return Object.freeze({
    did: didFromPublicKey(own),
    publicKey: own,
    sign: async (message: Uint8Array): Promise<Uint8Array> => {
      assertBytesArg(message, 'message')
      let result: unknown
      try {
        result = await sign(copyBytes(message))
      } catch (cause) {
        throw new CounterfoilError('ERR_SIGNER_FAILED', 'the signing callback failed', { cause })
      }
      return checkedSignature(own, message, result)
    },
  })
}

async function checkedSignature(publicKey: Uint8Array, message: Uint8Array, result: unknown): Promise<Uint8Array> {
  const signature =
    result instanceof Uint8Array ? copyBytes(result) : result instanceof ArrayBuffer ? new Uint8Array(result.slice(0)) : undefined
  if (signature === undefined) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', 'the signer returned no signature bytes', {
      cause: new TypeError(`expected Uint8Array of length 64, got type=${typeof result}`),
    })
  }
  if (signature.length !== SIGNATURE_LENGTH) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', 'the signer returned a signature of the wrong length', {
      cause: new RangeError(`expected Uint8Array of length 64, got length=${signature.length}`),
    })
  }
  if (!(await verifyEd25519(publicKey, message, signature))) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', 'the signer returned a signature that does not verify under its public key', {
      cause: new Error('signature check failed (wrong key, fault, or not pure Ed25519)'),
    })
  }
  return signature
}

/**
 * A signer over a Web Crypto Ed25519 private key, typically non-extractable and kept in
 * IndexedDB. Each signature is checked against `publicKey`.
 *
 * @param privateKey - an Ed25519 private CryptoKey with the `sign` usage
 * @param publicKey - its 32-byte public key
 * @returns a CryptoKeySigner
 * @throws TypeError if `privateKey` is not an Ed25519 private CryptoKey that can sign, or
 *   `publicKey` is not a Uint8Array
 * @throws CounterfoilError `ERR_INVALID_KEY` if `publicKey` is not a valid Ed25519 public key
 * @example
 * ```ts
 * const signer = signerFromCryptoKey(stored.privateKey, stored.publicKey)
 * ```
 */
export function signerFromCryptoKey(privateKey: CryptoKey, publicKey: Uint8Array): CryptoKeySigner {
  if (
    typeof privateKey !== 'object' ||
    privateKey === null ||
    privateKey.type !== 'private' ||
    privateKey.algorithm?.name !== 'Ed25519' ||
    !Array.isArray(privateKey.usages) ||
    !privateKey.usages.includes('sign')
  ) {
    throw new TypeError('"privateKey" expected an Ed25519 private CryptoKey with the "sign" usage')
  }
  assertBytesArg(publicKey, 'publicKey')
  checkPublicKey(publicKey)
  const own = copyBytes(publicKey)
  return Object.freeze({
    did: didFromPublicKey(own),
    publicKey: own,
    privateKey,
    sign: async (message: Uint8Array): Promise<Uint8Array> => {
      assertBytesArg(message, 'message')
      let result: ArrayBuffer
      try {
        result = await subtleOrThrow().sign({ name: 'Ed25519' }, privateKey, copyBytes(message))
      } catch (cause) {
        throw new CounterfoilError('ERR_SIGNER_FAILED', 'Web Crypto failed to sign', { cause })
      }
      return checkedSignature(own, message, result)
    },
  })
}

/**
 * A new signer over a fresh non-extractable Web Crypto Ed25519 key pair: the secret never exists
 * as bytes in JavaScript. Store `signer.privateKey` (structured-cloneable) and `signer.publicKey` in
 * IndexedDB and rebuild it later with {@link signerFromCryptoKey}.
 *
 * @returns a CryptoKeySigner
 * @throws CounterfoilError `ERR_SIGNER_FAILED` where Web Crypto or its Ed25519 is unavailable
 *   (older browsers: use {@link generateKeyPair} and {@link signerFromSeed} instead)
 * @example
 * ```ts
 * const signer = await generateCryptoKeySigner()
 * await idb.put('key', { privateKey: signer.privateKey, publicKey: signer.publicKey })
 * ```
 */
export async function generateCryptoKeySigner(): Promise<CryptoKeySigner> {
  const subtle = subtleOrThrow()
  let pair: CryptoKeyPair
  let raw: ArrayBuffer
  try {
    pair = (await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair
    raw = await subtle.exportKey('raw', pair.publicKey)
  } catch (cause) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', "this runtime's Web Crypto does not support Ed25519 keys", { cause })
  }
  return signerFromCryptoKey(pair.privateKey, new Uint8Array(raw))
}
