/**
 * did:key for Ed25519 (W3C CCG did:key method): `did:key:z` + base58btc(0xed 0x01 ‖ publicKey),
 * where 0xed 0x01 is the unsigned-varint multicodec `ed25519-pub` (0xed). Parsing is strict: exact
 * prefix, exact length, one canonical encoding, and a strictly valid key (`strict.ts`).
 *
 * @module
 */
import { base58btc } from 'multiformats/bases/base58'
import { CounterfoilError } from '../errors.js'
import { checkPublicKey } from './strict.js'

/** The did:key prefix, method included. */
export const DID_KEY_PREFIX = 'did:key:'
/** multicodec `ed25519-pub` (0xed) as an unsigned varint. */
export const ED25519_PUB_MULTICODEC = /* @__PURE__ */ Uint8Array.of(0xed, 0x01)
/** An Ed25519 did:key is always this long: 8 + 1 + 47 base58 characters for 34 bytes. */
export const ED25519_DID_KEY_LENGTH = 56

const CACHE_SIZE = 4096
const cache = new Map<string, Uint8Array>()

/**
 * The Multikey / multibase text of a public key: `z` + base58btc(0xed 0x01 ‖ key), i.e. the
 * `publicKeyMultibase` of a Multikey verification method and the method-specific id of did:key.
 * Does not validate the key; callers do (see `multibaseFromPublicKey` in `formats.ts`).
 *
 * @param publicKey - 32 key bytes (not checked)
 * @returns `z6Mk…`
 * @throws nothing for 32-byte input
 * @example
 * ```ts
 * encodeEd25519Multibase(publicKey) // 'z6Mk…'
 * ```
 */
export function encodeEd25519Multibase(publicKey: Uint8Array): string {
  const bytes = new Uint8Array(34)
  bytes.set(ED25519_PUB_MULTICODEC)
  bytes.set(publicKey, 2)
  return base58btc.encode(bytes)
}

/**
 * Strictly decodes `z…` Multikey text to a 32-byte key: base58btc, the 0xed 0x01 prefix, 34 bytes,
 * canonical text (re-encoding gives the same string). Does not validate the key itself.
 *
 * @param text - the multibase text
 * @returns the key bytes, or a string saying why the text was rejected
 * @throws nothing
 * @example
 * ```ts
 * const r = decodeEd25519Multibase('z6Mk…')
 * if (typeof r === 'string') throw new Error(r)
 * ```
 */
export function decodeEd25519Multibase(text: string): Uint8Array | string {
  if (text.length !== ED25519_DID_KEY_LENGTH - DID_KEY_PREFIX.length) return `expected 48 characters, got ${text.length}`
  if (text[0] !== 'z') return 'expected base58btc multibase (prefix "z")'
  let bytes: Uint8Array
  try {
    bytes = base58btc.decode(text)
  } catch {
    return 'not valid base58btc'
  }
  if (bytes.length !== 34) return `expected 34 bytes (0xed01 + 32-byte key), got ${bytes.length}`
  if (bytes[0] !== 0xed || bytes[1] !== 0x01) return 'not an Ed25519 public key (multicodec 0xed, varint ed01)'
  const publicKey = bytes.slice(2)
  if (encodeEd25519Multibase(publicKey) !== text) return 'non-canonical base58btc'
  return publicKey
}

/**
 * The did:key of an Ed25519 public key.
 *
 * @param publicKey - a 32-byte Ed25519 public key
 * @returns `did:key:z6Mk…`
 * @throws TypeError if `publicKey` is not a Uint8Array
 * @throws CounterfoilError `ERR_INVALID_KEY` if the key is the wrong length, non-canonical,
 *   off-curve or of small order
 * @example
 * ```ts
 * didFromPublicKey(keyPair.publicKey) // 'did:key:z6Mk…'
 * ```
 */
export function didFromPublicKey(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    checkPublicKey(publicKey) // throws the right TypeError / ERR_INVALID_KEY
  }
  const did = DID_KEY_PREFIX + encodeEd25519Multibase(publicKey)
  if (cache.has(did)) return did // the encoding is injective: same DID, same (already validated) key
  checkPublicKey(publicKey)
  remember(did, publicKey)
  return did
}

/**
 * The Ed25519 public key named by a did:key, strictly: exactly `did:key:z` + 47 base58btc
 * characters (no DID URL path, query or fragment), the `ed25519-pub` multicodec, a 32-byte key,
 * canonical base58, and a key that passes {@link checkPublicKey}. Results are cached (4096 DIDs).
 *
 * @param did - the DID string
 * @returns a fresh copy of the 32-byte public key
 * @throws TypeError if `did` is not a string
 * @throws CounterfoilError `ERR_INVALID_DID` for anything else that is not such a did:key (the
 *   `cause` says why, for a bad key)
 * @example
 * ```ts
 * const publicKey = publicKeyFromDid('did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp')
 * ```
 */
export function publicKeyFromDid(did: string): Uint8Array {
  return sharedPublicKeyFromDid(did).slice()
}

/**
 * {@link publicKeyFromDid} without the defensive copy: the returned bytes are the cache's own, so
 * the caller must never change them. For hot paths inside counterfoil (decoding and verifying a
 * record looks up the same DIDs several times).
 *
 * @param did - the DID string
 * @returns the 32-byte public key, shared: read only
 * @throws as {@link publicKeyFromDid}
 * @example
 * ```ts
 * await verifyEd25519(sharedPublicKeyFromDid(signer), message, signature)
 * ```
 */
export function sharedPublicKeyFromDid(did: string): Uint8Array {
  if (typeof did !== 'string') throw new TypeError(`"did" expected string, got type=${typeof did}`)
  const hit = cache.get(did)
  if (hit !== undefined) return hit
  if (!did.startsWith(DID_KEY_PREFIX)) throw invalid(did, 'expected a did:key')
  if (did.length !== ED25519_DID_KEY_LENGTH) {
    throw invalid(did, `an Ed25519 did:key has ${ED25519_DID_KEY_LENGTH} characters, got ${did.length}`)
  }
  const decoded = decodeEd25519Multibase(did.slice(DID_KEY_PREFIX.length))
  if (typeof decoded === 'string') throw invalid(did, decoded)
  try {
    checkPublicKey(decoded)
  } catch (cause) {
    throw new CounterfoilError('ERR_INVALID_DID', `invalid did:key ${show(did)}: not a valid Ed25519 public key`, { cause })
  }
  remember(did, decoded)
  return cache.get(did) ?? decoded
}

/**
 * Whether `did` is a valid Ed25519 did:key, as {@link publicKeyFromDid} decides.
 *
 * @param did - any value
 * @returns true for a valid Ed25519 did:key; never throws
 * @example
 * ```ts
 * isEd25519Did('did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp') // true
 * ```
 */
export function isEd25519Did(did: unknown): did is string {
  if (typeof did !== 'string') return false
  try {
    publicKeyFromDid(did)
    return true
  } catch {
    return false
  }
}

function remember(did: string, publicKey: Uint8Array): void {
  if (cache.has(did)) return
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
  cache.set(did, publicKey.slice())
}

function show(did: string): string {
  return JSON.stringify(did.length > 80 ? `${did.slice(0, 80)}…` : did)
}

function invalid(did: string, reason: string): CounterfoilError {
  return new CounterfoilError('ERR_INVALID_DID', `invalid did:key ${show(did)}: ${reason}`)
}
