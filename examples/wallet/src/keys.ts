/**
 * The wallet's keys, made once and kept in IndexedDB. Preferred: a non-extractable Web Crypto
 * Ed25519 key — its secret never exists as bytes in JavaScript. Where the browser's Web Crypto has
 * no Ed25519, the fallback is a random seed kept in IndexedDB and signed with by @noble/ed25519
 * (counterfoil picks that backend by itself); the page says which one it got.
 */
import { CounterfoilError } from 'counterfoil/errors'
import { generateCryptoKeySigner, generateKeyPair, signerFromCryptoKey, signerFromSeed, type Signer } from 'counterfoil/keys'
import { addKey, getKey } from './idb.js'

/** How a key is kept. */
export type KeyKind = 'webcrypto' | 'seed'

type StoredKey =
  | { readonly kind: 'webcrypto'; readonly privateKey: CryptoKey; readonly publicKey: Uint8Array }
  | { readonly kind: 'seed'; readonly seed: Uint8Array }

/** A usable key and how it is kept. */
export interface WalletKey {
  readonly signer: Signer
  readonly kind: KeyKind
}

async function create(): Promise<StoredKey> {
  try {
    const signer = await generateCryptoKeySigner()
    return { kind: 'webcrypto', privateKey: signer.privateKey, publicKey: signer.publicKey }
  } catch (e) {
    // Only "this browser cannot do Ed25519 in Web Crypto" falls back; anything else is a real error.
    if (!(e instanceof CounterfoilError && e.code === 'ERR_SIGNER_FAILED')) throw e
    return { kind: 'seed', seed: (await generateKeyPair()).seed }
  }
}

async function open(stored: StoredKey): Promise<WalletKey> {
  if (stored.kind === 'webcrypto') return { kind: 'webcrypto', signer: signerFromCryptoKey(stored.privateKey, stored.publicKey) }
  return { kind: 'seed', signer: await signerFromSeed(stored.seed) }
}

/**
 * The key stored under `name`, made (and stored) on first use.
 *
 * @param name - `holder` for the customer's key; the demo shop keeps its own under `shop`
 * @returns the signer and how its secret is kept
 * @example
 * ```ts
 * const { signer, kind } = await loadOrCreateKey('holder')
 * signer.did // the wallet's did:key, the `sub` of records issued to it
 * ```
 */
export async function loadOrCreateKey(name: 'holder' | 'shop'): Promise<WalletKey> {
  const stored = (await getKey<StoredKey>(name)) ?? (await addKey(name, await create()))
  return open(stored)
}

/**
 * Plain words for how a key is kept.
 *
 * @param kind - the key's kind
 * @returns a sentence fragment
 * @example
 * ```ts
 * describeKey('webcrypto') // 'non-extractable Web Crypto Ed25519 key'
 * ```
 */
export function describeKey(kind: KeyKind): string {
  return kind === 'webcrypto' ? 'non-extractable Web Crypto Ed25519 key' : 'Ed25519 seed in IndexedDB, signed with @noble/ed25519 (this browser has no Web Crypto Ed25519)'
}
