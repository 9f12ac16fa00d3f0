/**
 * The Web Crypto Ed25519 backend (`crypto.subtle`, "Ed25519" algorithm), for browsers, Deno, Bun,
 * edge workers and Node. This file is what `#ed25519-platform` resolves to outside Node; no `node:`
 * imports here.
 *
 * @module
 */
import type { Ed25519Backend } from './interface.js'

/** PKCS#8 DER prefix for an Ed25519 private key (RFC 8410 §7); the 32-byte seed follows. */
const PKCS8_PREFIX = /* @__PURE__ */ Uint8Array.of(
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
)
/** How many imported public CryptoKeys to keep. */
const KEY_CACHE_SIZE = 1024

// The RFC 8032 §7.1 TEST 1 public key, used to feature-detect Ed25519 support.
const PROBE_KEY = /* @__PURE__ */ Uint8Array.of(
  0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
  0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
)

/**
 * A view Web Crypto accepts (`BufferSource` must be backed by an ArrayBuffer, not a
 * SharedArrayBuffer); copies only when needed.
 */
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes)
}

function base64urlDecode(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/')
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/**
 * Imports a 32-byte seed as a Web Crypto Ed25519 private key (PKCS#8, RFC 8410).
 *
 * @param subtle - the SubtleCrypto to use
 * @param seed - the 32-byte seed
 * @param extractable - whether the key may be exported (needed to read its public key)
 * @returns the CryptoKey, usage `sign`
 * @throws whatever `importKey` throws (e.g. no Ed25519 support)
 * @example
 * ```ts
 * const key = await importSeed(crypto.subtle, seed, false)
 * ```
 */
export function importSeed(subtle: SubtleCrypto, seed: Uint8Array, extractable: boolean): Promise<CryptoKey> {
  const pkcs8 = new Uint8Array(PKCS8_PREFIX.length + 32)
  pkcs8.set(PKCS8_PREFIX)
  pkcs8.set(seed, PKCS8_PREFIX.length)
  return subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, extractable, ['sign'])
}

/**
 * Builds the Web Crypto backend over `subtle`. Imported public keys are cached by their bytes (at
 * most 1024, oldest evicted first).
 *
 * @param subtle - a SubtleCrypto with Ed25519 support
 * @returns the backend, named `webcrypto`
 * @example
 * ```ts
 * const backend = webCryptoBackend(globalThis.crypto.subtle)
 * ```
 */
export function webCryptoBackend(subtle: SubtleCrypto): Ed25519Backend {
  const cache = new Map<string, Promise<CryptoKey>>()
  const publicCryptoKey = (publicKey: Uint8Array): Promise<CryptoKey> => {
    const id = String.fromCharCode(...publicKey)
    let key = cache.get(id)
    if (key === undefined) {
      key = subtle.importKey('raw', buf(publicKey), { name: 'Ed25519' }, false, ['verify'])
      key.catch(() => cache.delete(id))
      if (cache.size >= KEY_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      cache.set(id, key)
    }
    return key
  }
  const verify = async (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> => {
    try {
      const key = await publicCryptoKey(publicKey)
      return await subtle.verify({ name: 'Ed25519' }, key, buf(signature), buf(message))
    } catch {
      return false
    }
  }
  return Object.freeze({
    name: 'webcrypto' as const,
    verify,
    verifyConcurrent: verify, // Web Crypto is asynchronous already
    async sign(seed: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
      const key = await importSeed(subtle, seed, false)
      return new Uint8Array(await subtle.sign({ name: 'Ed25519' }, key, buf(message)))
    },
    async publicKey(seed: Uint8Array): Promise<Uint8Array> {
      const key = await importSeed(subtle, seed, true)
      const jwk = await subtle.exportKey('jwk', key)
      if (typeof jwk.x !== 'string') throw new Error('Web Crypto exported an Ed25519 JWK without "x"')
      return base64urlDecode(jwk.x)
    },
  })
}

let detected: Promise<Ed25519Backend | undefined> | undefined

/**
 * The Web Crypto Ed25519 backend if this runtime supports it (feature-detected once by importing a
 * key), else `undefined`.
 *
 * @returns the backend or undefined; never rejects
 * @example
 * ```ts
 * const backend = (await platformBackend()) ?? nobleBackend
 * ```
 */
export function platformBackend(): Promise<Ed25519Backend | undefined> {
  detected ??= (async () => {
    const subtle = globalThis.crypto?.subtle
    if (subtle === undefined) return undefined
    try {
      await subtle.importKey('raw', PROBE_KEY, { name: 'Ed25519' }, false, ['verify'])
      return webCryptoBackend(subtle)
    } catch {
      return undefined
    }
  })()
  return detected
}

/**
 * The libsodium backend is a Node option (`sodium-native`, see src/node/sodium.ts); outside Node
 * there is none.
 *
 * @returns undefined
 * @example
 * ```ts
 * await sodiumBackend() // undefined in browsers
 * ```
 */
export async function sodiumBackend(): Promise<Ed25519Backend | undefined> {
  return undefined
}
