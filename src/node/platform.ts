/**
 * The Node Ed25519 backend over `node:crypto` (OpenSSL). What `#ed25519-platform` resolves to in
 * Node. Verification is OpenSSL's cofactorless RFC 8032 §5.1.7 check; the strict pre-checks in
 * `src/keys/strict.ts` run before it.
 *
 * @module
 */
import crypto, { type KeyObject } from 'node:crypto'
import type { Ed25519Backend } from '../keys/interface.js'
import { sodiumBackend as sodiumOver } from './sodium.js'

/** SPKI DER prefix for an Ed25519 public key (RFC 8410 §4); the 32 raw key bytes follow. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
/** PKCS#8 DER prefix for an Ed25519 private key (RFC 8410 §7); the 32-byte seed follows. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
/** How many public KeyObjects to keep. */
const KEY_CACHE_SIZE = 1024

function publicKeyObjectUncached(publicKey: Uint8Array): KeyObject {
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
}

let jwkImportWorks = true

/**
 * A private KeyObject from a 32-byte seed. Node's JWK import is about 10× faster than PKCS#8 DER
 * (OpenSSL 3's decoder framework costs ~0.5 ms per call). Node type-checks `x` but derives the public
 * key from `d` alone (EVP_PKEY_new_raw_private_key), so a placeholder `x` is enough; should a future
 * Node reject that, fall back to PKCS#8 for good. Tests check signatures against RFC 8032 §7.1.
 */
function privateKeyObject(seed: Uint8Array): KeyObject {
  if (jwkImportWorks) {
    try {
      const d = Buffer.from(seed.buffer, seed.byteOffset, seed.byteLength).toString('base64url')
      return crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d, x: '' }, format: 'jwk' })
    } catch {
      jwkImportWorks = false
    }
  }
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
}

/**
 * Private KeyObjects by the seed array they were made from: a signer passes the same private copy
 * of its seed on every call, and importing the key was a quarter of `issue` (~37 µs of ~156). Keyed
 * by the array itself, weakly, so an entry goes when the array does. Beside the key is the SHA-256
 * of the bytes it was made from, not the bytes (no second copy of the secret in the JS heap), so a
 * seed changed in place gets a new key.
 */
const privateKeys = new WeakMap<Uint8Array, { digest: string; key: KeyObject }>()

function cachedPrivateKeyObject(seed: Uint8Array): KeyObject {
  const digest = crypto.hash('sha256', seed, 'base64')
  const known = privateKeys.get(seed)
  if (known !== undefined && known.digest === digest) return known.key
  const key = privateKeyObject(seed)
  privateKeys.set(seed, { digest, key })
  return key
}

/**
 * Builds the node:crypto backend. Public KeyObjects are cached by key bytes (at most 1024, oldest
 * evicted first).
 *
 * @returns the backend, named `node`
 * @example
 * ```ts
 * const backend = nodeBackend()
 * await backend.verify(publicKey, message, signature)
 * ```
 */
export function nodeBackend(): Ed25519Backend {
  const cache = new Map<string, KeyObject>()
  const publicKeyObject = (publicKey: Uint8Array): KeyObject => {
    const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('latin1')
    let key = cache.get(id)
    if (key === undefined) {
      key = publicKeyObjectUncached(publicKey)
      if (cache.size >= KEY_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      cache.set(id, key)
    }
    return key
  }
  const verifySync = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean => {
    try {
      return crypto.verify(null, message, publicKeyObject(publicKey), signature)
    } catch {
      return false
    }
  }
  const verifyCallback = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, done: (ok: boolean) => void): void => {
    try {
      // The callback form runs OpenSSL on the libuv thread pool.
      crypto.verify(null, message, publicKeyObject(publicKey), signature, (err, ok) => done(!err && ok))
    } catch {
      queueMicrotask(() => done(false))
    }
  }
  return Object.freeze({
    name: 'node' as const,
    async verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
      return verifySync(publicKey, message, signature)
    },
    verifySync,
    verifyCallback,
    verifyConcurrent(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
      return new Promise((resolve) => verifyCallback(publicKey, message, signature, resolve))
    },
    async sign(seed: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
      const sig = crypto.sign(null, message, cachedPrivateKeyObject(seed))
      return new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength)
    },
    async publicKey(seed: Uint8Array): Promise<Uint8Array> {
      const { x } = privateKeyObject(seed).export({ format: 'jwk' })
      if (typeof x !== 'string') throw new Error('node:crypto exported an Ed25519 JWK without "x"')
      const raw = Buffer.from(x, 'base64url')
      return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)
    },
  })
}

let backend: Ed25519Backend | undefined

/**
 * The node:crypto Ed25519 backend (Node ≥ 20 always has Ed25519), or `undefined` if creating a key
 * fails (e.g. an OpenSSL build without Ed25519).
 *
 * @returns the backend or undefined; never rejects
 * @example
 * ```ts
 * const backend = await platformBackend() // { name: 'node', … }
 * ```
 */
export async function platformBackend(): Promise<Ed25519Backend | undefined> {
  if (backend !== undefined) return backend
  try {
    publicKeyObjectUncached(Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex')) // RFC 8032 §7.1 TEST 1
  } catch {
    return undefined
  }
  backend = nodeBackend()
  return backend
}

let sodium: Promise<Ed25519Backend | undefined> | undefined

/**
 * The libsodium backend (src/node/sodium.ts) over the node:crypto one, when the optional package
 * `sodium-native` is installed and loads; else `undefined`. Tried once.
 *
 * @returns the backend or undefined; never rejects
 * @example
 * ```ts
 * const backend = (await sodiumBackend()) ?? (await platformBackend())
 * ```
 */
export function sodiumBackend(): Promise<Ed25519Backend | undefined> {
  sodium ??= platformBackend().then((openssl) => (openssl === undefined ? undefined : sodiumOver(openssl)))
  return sodium
}
