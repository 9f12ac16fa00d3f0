/**
 * Note keys for C2SP `signed-note` Ed25519 signatures (type 0x01): key names, key IDs, and the
 * verifier/signer key texts Go's golang.org/x/mod/sumdb/note reads.
 *
 * - key ID = the first 4 bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key);
 * - verifier key: `name+hex(keyID)+base64(0x01 ‖ publicKey)`;
 * - signer key: `PRIVATE+KEY+name+hex(keyID)+base64(0x01 ‖ seed)` (secret).
 *
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { assertBytes, copyBytes } from '../../codec/bytes.js'
import { CounterfoilError } from '../../errors.js'
import { fromBase64, fromHex, isWellFormedText, toBase64, toHex, utf8 } from './encoding.js'

/** Signature type byte for Ed25519 in c2sp.org/signed-note. */
export const NOTE_ED25519 = 0x01

// Go's unicode.IsSpace: ASCII whitespace, U+0085, U+00A0 and the Unicode Z categories' spaces.
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

/** A trusted note key: who may sign, and the key that checks it. */
export interface NoteVerifier {
  /** The key name, e.g. `example.com/log42`. */
  readonly name: string
  /** The 4-byte key ID as an unsigned 32-bit number. */
  readonly keyId: number
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array
}

/**
 * True when `name` is a valid key name: non-empty, well-formed, no Unicode space, no `+`.
 *
 * @param name - candidate key name
 * @returns whether c2sp.org/signed-note accepts it
 * @example
 * ```ts
 * isValidKeyName('example.com/log') // true
 * isValidKeyName('a b')             // false
 * ```
 * @throws nothing
 */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !UNICODE_SPACE.test(name) &&
    !name.includes('+') &&
    !CONTROL.test(name) &&
    isWellFormedText(name)
  )
}

/**
 * Throws unless `name` is a valid key name (see {@link isValidKeyName}).
 *
 * @param name - candidate key name
 * @returns nothing
 * @throws TypeError if the name is empty, has a Unicode space, `+` or a control character
 * @example
 * ```ts
 * assertKeyName('example.com/log')
 * ```
 */
export function assertKeyName(name: unknown): asserts name is string {
  if (!isValidKeyName(name)) {
    throw new TypeError(`"name" expected a non-empty key name without spaces or "+", got ${JSON.stringify(name)}`)
  }
}

/**
 * Throws unless `publicKey` is 32 bytes.
 *
 * @param publicKey - candidate Ed25519 public key
 * @returns nothing
 * @throws TypeError if not a `Uint8Array`; RangeError if not 32 bytes
 * @example
 * ```ts
 * assertPublicKey(signer.publicKey)
 * ```
 */
export function assertPublicKey(publicKey: unknown): asserts publicKey is Uint8Array {
  assertBytes(publicKey, 'publicKey', 32)
}

/**
 * The key ID of an Ed25519 note key: the first 4 bytes, big-endian, of
 * SHA-256(name ‖ 0x0A ‖ 0x01 ‖ publicKey) (c2sp.org/signed-note, "Ed25519 signatures").
 *
 * @param name - key name
 * @param publicKey - 32-byte Ed25519 public key
 * @returns the key ID as an unsigned 32-bit number
 * @throws TypeError/RangeError for an invalid name or key
 * @example
 * ```ts
 * noteKeyId('PeterNeumann', publicKey).toString(16) // 'c74f20a3'
 * ```
 */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  assertKeyName(name)
  assertPublicKey(publicKey)
  const nameBytes = utf8(name)
  const buf = new Uint8Array(nameBytes.length + 2 + 32)
  buf.set(nameBytes, 0)
  buf[nameBytes.length] = 0x0a
  buf[nameBytes.length + 1] = NOTE_ED25519
  buf.set(publicKey, nameBytes.length + 2)
  const h = sha256(buf)
  return ((h[0]! * 256 + h[1]!) * 256 + h[2]!) * 256 + h[3]!
}
/**
 * A key ID as 4 big-endian bytes.
 *
 * @param keyId - unsigned 32-bit key ID
 * @returns its 4 bytes
 * @throws nothing
 * @example
 * ```ts
 * keyIdBytes(0xc74f20a3) // Uint8Array [0xc7, 0x4f, 0x20, 0xa3]
 * ```
 */
export function keyIdBytes(keyId: number): Uint8Array {
  return Uint8Array.of(Math.floor(keyId / 2 ** 24) % 256, Math.floor(keyId / 2 ** 16) % 256, Math.floor(keyId / 256) % 256, keyId % 256)
}

/**
 * A key ID as 8 lower-case hex digits, as in verifier key text.
 *
 * @param keyId - unsigned 32-bit key ID
 * @returns e.g. `c74f20a3`
 * @throws nothing
 * @example
 * ```ts
 * keyIdHex(0xc74f20a3) // 'c74f20a3'
 * ```
 */
export function keyIdHex(keyId: number): string {
  return toHex(keyIdBytes(keyId))
}

/**
 * A verifier for a name and Ed25519 public key, with its key ID computed.
 *
 * @param name - key name
 * @param publicKey - 32-byte Ed25519 public key
 * @returns the verifier
 * @throws TypeError/RangeError for an invalid name or key
 * @example
 * ```ts
 * const v = noteVerifier('example.com/log', signer.publicKey)
 * ```
 */
export function noteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  return { name, keyId: noteKeyId(name, publicKey), publicKey: copyBytes(publicKey) }
}

/**
 * The verifier key text `name+hex(keyID)+base64(0x01 ‖ publicKey)`, as Go's `note.NewVerifier`
 * reads it.
 *
 * @param name - key name
 * @param publicKey - 32-byte Ed25519 public key
 * @returns the verifier key text
 * @throws TypeError/RangeError for an invalid name or key
 * @example
 * ```ts
 * formatVerifierKey('PeterNeumann', pk) // 'PeterNeumann+c74f20a3+ARpc…'
 * ```
 */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  const keyId = noteKeyId(name, publicKey)
  const typed = new Uint8Array(33)
  typed[0] = NOTE_ED25519
  typed.set(publicKey, 1)
  return `${name}+${keyIdHex(keyId)}+${toBase64(typed)}`
}

/**
 * Parses verifier key text `name+hex(keyID)+base64(0x01 ‖ publicKey)` strictly: the key ID must be
 * 8 lower-case hex digits and match the name and key; only Ed25519 (0x01) is accepted.
 *
 * @param text - verifier key text
 * @returns the verifier
 * @throws CounterfoilError `ERR_MALFORMED` for anything else; TypeError if `text` is not a string
 * @example
 * ```ts
 * parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')
 * ```
 */
export function parseVerifierKey(text: string): NoteVerifier {
  if (typeof text !== 'string') throw new TypeError('"text" expected a string')
  // The key's base64 may itself contain '+': split at the first two only.
  const parts = splitPlus(text, 3)
  if (parts === undefined) throw malformed('verifier key is not name+keyid+key')
  const [name, idHex, keyText] = parts as [string, string, string]
  return decodeKey(name, idHex, keyText, 'verifier key').verifier
}

/**
 * The signer key text `PRIVATE+KEY+name+hex(keyID)+base64(0x01 ‖ seed)`, as Go's
 * `note.NewSigner` reads it. It holds the secret seed: keep it secret.
 *
 * @param name - key name
 * @param seed - 32-byte Ed25519 seed
 * @param publicKey - the seed's 32-byte public key (for the key ID)
 * @returns the signer key text
 * @throws TypeError/RangeError for an invalid name, seed or key
 * @example
 * ```ts
 * formatSignerKey('PeterNeumann', seed, publicKey) // 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEK…'
 * ```
 */
export function formatSignerKey(name: string, seed: Uint8Array, publicKey: Uint8Array): string {
  assertBytes(seed, 'seed', 32)
  const keyId = noteKeyId(name, publicKey)
  const typed = new Uint8Array(33)
  typed[0] = NOTE_ED25519
  typed.set(seed, 1)
  return `PRIVATE+KEY+${name}+${keyIdHex(keyId)}+${toBase64(typed)}`
}

/**
 * Parses signer key text `PRIVATE+KEY+name+hex(keyID)+base64(0x01 ‖ seed)`. The key ID is not
 * checked here (that needs the public key); {@link signNote} checks it on use, and callers with
 * `publicKeyFromSeed` can compare `noteKeyId(name, publicKey)` with `keyId`.
 *
 * @param text - signer key text
 * @returns the name, key ID and 32-byte seed
 * @throws CounterfoilError `ERR_MALFORMED` if the text is not a signer key; TypeError if not a string
 * @example
 * ```ts
 * const { name, seed } = parseSignerKey('PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz')
 * ```
 */
export function parseSignerKey(text: string): { name: string; keyId: number; seed: Uint8Array } {
  if (typeof text !== 'string') throw new TypeError('"text" expected a string')
  const parts = splitPlus(text, 5)
  if (parts === undefined || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw malformed('signer key is not PRIVATE+KEY+name+keyid+key')
  }
  const [, , name, idHex, keyText] = parts as [string, string, string, string, string]
  const { keyId, key } = decodeKeyParts(name, idHex, keyText, 'signer key')
  return { name, keyId, seed: key }
}

/** Splits at the first `count - 1` plus signs; the last field keeps any further ones. */
function splitPlus(text: string, count: number): string[] | undefined {
  const out: string[] = []
  let rest = text
  for (let i = 1; i < count; i++) {
    const at = rest.indexOf('+')
    if (at < 0) return undefined
    out.push(rest.slice(0, at))
    rest = rest.slice(at + 1)
  }
  out.push(rest)
  return out
}

function decodeKeyParts(name: string, idHex: string, keyText: string, what: string): { keyId: number; key: Uint8Array } {
  if (!isValidKeyName(name)) throw malformed(`${what} name is invalid`)
  const id = idHex.length === 8 ? fromHex(idHex) : undefined
  if (id === undefined) throw malformed(`${what} ID is not 8 lower-case hex digits`)
  const typed = fromBase64(keyText)
  if (typed === undefined || typed.length === 0) throw malformed(`${what} is not canonical padded base64`)
  if (typed[0] !== NOTE_ED25519) throw malformed(`${what} type 0x${typed[0]!.toString(16)} is not Ed25519 (0x01)`)
  if (typed.length !== 33) throw malformed(`${what} has ${typed.length - 1} bytes, expected 32`)
  return { keyId: ((id[0]! * 256 + id[1]!) * 256 + id[2]!) * 256 + id[3]!, key: typed.slice(1) }
}

function decodeKey(name: string, idHex: string, keyText: string, what: string): { verifier: NoteVerifier } {
  const { keyId, key } = decodeKeyParts(name, idHex, keyText, what)
  if (noteKeyId(name, key) !== keyId) throw malformed(`${what} ID does not match its name and key`)
  return { verifier: { name, keyId, publicKey: key } }
}

function malformed(why: string): CounterfoilError {
  return new CounterfoilError('ERR_MALFORMED', `signed note: ${why}`)
}
