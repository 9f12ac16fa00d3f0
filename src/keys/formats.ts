/**
 * Ed25519 key text formats: Multikey `publicKeyMultibase` (`z` + base58btc(0xed 0x01 ‖ key)) and
 * OKP JSON Web Keys (RFC 8037 §2: `{ kty: 'OKP', crv: 'Ed25519', x }`, with `d` for a private key).
 * Import is strict: exact members, unpadded canonical base64url, exact lengths, a strictly valid
 * public key, and for a private JWK an `x` that matches `d`.
 *
 * @module
 */
import { CounterfoilError } from '../errors.js'
import { decodeEd25519Multibase, encodeEd25519Multibase } from './did.js'
import { publicKeyFromSeed } from './ed25519.js'
import { assertBytesArg, checkPublicKey, SEED_LENGTH } from './strict.js'

/** A public Ed25519 JWK (RFC 8037 §2). */
export interface Ed25519PublicJwk {
  readonly kty: 'OKP'
  readonly crv: 'Ed25519'
  /** base64url (unpadded) of the 32-byte public key. */
  readonly x: string
  readonly kid?: string
  readonly alg?: 'EdDSA' | 'Ed25519'
  readonly use?: 'sig'
  readonly key_ops?: readonly string[]
  readonly ext?: boolean
}

/** A private Ed25519 JWK (RFC 8037 §2): the public members plus `d`, the 32-byte seed. */
export interface Ed25519PrivateJwk extends Ed25519PublicJwk {
  /** base64url (unpadded) of the 32-byte seed. Keep it secret. */
  readonly d: string
}

const JWK_MEMBERS = new Set(['kty', 'crv', 'x', 'd', 'kid', 'alg', 'use', 'key_ops', 'ext'])
const B64URL = /^[A-Za-z0-9_-]*$/

function base64urlEncode(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Strict base64url of exactly `length` bytes: no padding, alphabet only, canonical last char. */
function base64urlDecode(text: string, length: number): Uint8Array | undefined {
  if (text.length !== Math.ceil((length * 4) / 3) || !B64URL.test(text)) return undefined
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  if (out.length !== length || base64urlEncode(out) !== text) return undefined // non-canonical trailing bits
  return out
}

function badKey(message: string, cause?: unknown): CounterfoilError {
  return new CounterfoilError('ERR_INVALID_KEY', message, cause === undefined ? undefined : { cause })
}

/**
 * The Multikey `publicKeyMultibase` text of a public key (also the did:key method-specific id).
 *
 * @param publicKey - a 32-byte Ed25519 public key
 * @returns `z6Mk…`
 * @throws TypeError if not a Uint8Array; CounterfoilError `ERR_INVALID_KEY` for an invalid key
 * @example
 * ```ts
 * multibaseFromPublicKey(keyPair.publicKey) // 'z6Mk…'
 * ```
 */
export function multibaseFromPublicKey(publicKey: Uint8Array): string {
  checkPublicKey(publicKey)
  return encodeEd25519Multibase(publicKey)
}

/**
 * Strictly parses Multikey `publicKeyMultibase` text: `z`, canonical base58btc, the `ed25519-pub`
 * multicodec prefix 0xed 0x01, 32 key bytes, and a key that passes `checkPublicKey`.
 *
 * @param text - `z6Mk…`
 * @returns the 32-byte public key
 * @throws TypeError if `text` is not a string
 * @throws CounterfoilError `ERR_INVALID_KEY` for anything else
 * @example
 * ```ts
 * const publicKey = publicKeyFromMultibase('z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp')
 * ```
 */
export function publicKeyFromMultibase(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`"text" expected string, got type=${typeof text}`)
  const decoded = decodeEd25519Multibase(text)
  if (typeof decoded === 'string') throw badKey(`invalid Ed25519 publicKeyMultibase: ${decoded}`)
  checkPublicKey(decoded)
  return decoded
}

/**
 * The public OKP JWK of a public key (RFC 8037 §2).
 *
 * @param publicKey - a 32-byte Ed25519 public key
 * @returns `{ kty: 'OKP', crv: 'Ed25519', x }`
 * @throws TypeError if not a Uint8Array; CounterfoilError `ERR_INVALID_KEY` for an invalid key
 * @example
 * ```ts
 * jwkFromPublicKey(keyPair.publicKey) // { kty: 'OKP', crv: 'Ed25519', x: '…' }
 * ```
 */
export function jwkFromPublicKey(publicKey: Uint8Array): Ed25519PublicJwk {
  checkPublicKey(publicKey)
  return { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(publicKey) }
}

/**
 * The private OKP JWK of a seed (RFC 8037 §2), with its `x`.
 *
 * @param seed - the 32-byte seed
 * @returns `{ kty: 'OKP', crv: 'Ed25519', x, d }`
 * @throws TypeError if not a Uint8Array; RangeError if not 32 bytes
 * @example
 * ```ts
 * const jwk = await jwkFromSeed(keyPair.seed)
 * ```
 */
export async function jwkFromSeed(seed: Uint8Array): Promise<Ed25519PrivateJwk> {
  assertBytesArg(seed, 'seed', SEED_LENGTH)
  const publicKey = await publicKeyFromSeed(seed)
  return { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(publicKey), d: base64urlEncode(seed) }
}

function checkJwk(jwk: unknown): asserts jwk is Record<string, unknown> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw new TypeError(`"jwk" expected object, got ${jwk === null ? 'null' : Array.isArray(jwk) ? 'array' : typeof jwk}`)
  }
  const j = jwk as Record<string, unknown>
  for (const name of Object.keys(j)) if (!JWK_MEMBERS.has(name)) throw badKey(`unexpected JWK member "${name}"`)
  if (j.kty !== 'OKP') throw badKey(`JWK "kty" must be "OKP", got ${JSON.stringify(j.kty)}`)
  if (j.crv !== 'Ed25519') throw badKey(`JWK "crv" must be "Ed25519", got ${JSON.stringify(j.crv)}`)
  if (j.alg !== undefined && j.alg !== 'EdDSA' && j.alg !== 'Ed25519') throw badKey(`JWK "alg" must be "EdDSA" or "Ed25519", got ${JSON.stringify(j.alg)}`)
  if (j.use !== undefined && j.use !== 'sig') throw badKey(`JWK "use" must be "sig", got ${JSON.stringify(j.use)}`)
  if (j.kid !== undefined && typeof j.kid !== 'string') throw badKey('JWK "kid" must be a string')
  if (j.ext !== undefined && typeof j.ext !== 'boolean') throw badKey('JWK "ext" must be a boolean')
  if (j.key_ops !== undefined && !(Array.isArray(j.key_ops) && j.key_ops.every((op) => typeof op === 'string'))) {
    throw badKey('JWK "key_ops" must be an array of strings')
  }
  if (typeof j.x !== 'string') throw badKey('JWK "x" must be a string')
}

function publicKeyOfJwk(j: Record<string, unknown>): Uint8Array {
  const publicKey = base64urlDecode(j.x as string, 32)
  if (publicKey === undefined) throw badKey('JWK "x" must be unpadded base64url of 32 bytes')
  checkPublicKey(publicKey)
  return publicKey
}

/**
 * Strictly imports a public OKP JWK. A JWK with `d` is refused: a private key where a public key
 * was expected is a leak waiting to happen.
 *
 * @param jwk - the parsed JWK object
 * @returns the 32-byte public key
 * @throws TypeError if `jwk` is not an object
 * @throws CounterfoilError `ERR_INVALID_KEY` for unknown members, wrong `kty`/`crv`/`alg`/`use`,
 *   bad base64url, a wrong length, an invalid key, or a `d` member
 * @example
 * ```ts
 * const publicKey = publicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })
 * ```
 */
export function publicKeyFromJwk(jwk: Ed25519PublicJwk | Record<string, unknown>): Uint8Array {
  checkJwk(jwk)
  if (jwk.d !== undefined) throw badKey('JWK has a private "d" member where a public key was expected')
  return publicKeyOfJwk(jwk)
}

/**
 * Strictly imports a private OKP JWK and checks that its `x` is the public key of its `d`.
 *
 * @param jwk - the parsed JWK object, with `d`
 * @returns the 32-byte seed
 * @throws TypeError if `jwk` is not an object
 * @throws CounterfoilError `ERR_INVALID_KEY` for anything {@link publicKeyFromJwk} rejects, a
 *   missing or malformed `d`, or an `x` that does not match `d`
 * @example
 * ```ts
 * const seed = await seedFromJwk(JSON.parse(secretJson))
 * ```
 */
export async function seedFromJwk(jwk: Ed25519PrivateJwk | Record<string, unknown>): Promise<Uint8Array> {
  checkJwk(jwk)
  const publicKey = publicKeyOfJwk(jwk)
  if (typeof jwk.d !== 'string') throw badKey('JWK "d" must be a string')
  const seed = base64urlDecode(jwk.d, SEED_LENGTH)
  if (seed === undefined) throw badKey('JWK "d" must be unpadded base64url of 32 bytes')
  const derived = await publicKeyFromSeed(seed)
  let diff = 0
  for (let i = 0; i < 32; i++) diff |= derived[i]! ^ publicKey[i]!
  if (diff !== 0) throw badKey('JWK "x" is not the public key of "d"')
  return seed
}
