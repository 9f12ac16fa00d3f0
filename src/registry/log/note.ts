/**
 * C2SP `signed-note` (c2sp.org/signed-note) with Ed25519 signatures (type 0x01), compatible with
 * Go's golang.org/x/mod/sumdb/note.
 *
 * ```
 * <text, ending in a newline>
 *
 * — <key name> base64(key ID ‖ signature)
 * ```
 *
 * Key ID = the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key).
 *
 * {@link openNote} is strict and decides everything the spec leaves open in the direction of
 * rejecting:
 * - the note must be valid UTF-8 without control characters other than newline; the text is
 *   everything up to and including the newline before the *last* blank line;
 * - every signature line is `— name base64\n` (U+2014, one space each), the name non-empty
 *   without Unicode spaces or `+`, the base64 canonical and padded, decoding to ≥ 5 bytes;
 * - a second signature line with the same name and key ID is malformed (Go de-duplicates; we
 *   refuse, as no honest signer writes two);
 * - signatures from unknown keys are ignored (spec MUST); a known key whose signature fails makes
 *   the whole note invalid (spec SHOULD); at least one known key must verify (spec MUST);
 * - limits: at most `maxSignatures` lines (default 100; the spec asks for at least 16) and
 *   `maxBytes` bytes (default 1 MiB).
 *
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { CounterfoilError } from '../../errors.js'
import { verifyEd25519 } from '../../keys/ed25519.js'
import type { Signer } from '../../keys/interface.js'
import { fromBase64, fromHex, fromUtf8, isWellFormedText, toBase64, toHex, utf8 } from './encoding.js'

/** Signature type byte for Ed25519 in c2sp.org/signed-note. */
export const NOTE_ED25519 = 0x01

/** Default cap on signature lines in {@link openNote}. */
export const DEFAULT_MAX_SIGNATURES = 100
/** Default cap on the size of a note in {@link openNote}, in UTF-8 bytes. */
export const DEFAULT_MAX_NOTE_BYTES = 1024 * 1024

const DASH = '\u2014 '
// Go's unicode.IsSpace: ASCII whitespace, U+0085, U+00A0 and the Unicode Z categories' spaces.
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/

/** A trusted note key: who may sign, and the key that checks it. */
export interface NoteVerifier {
  /** The key name, e.g. `example.com/log42`. */
  readonly name: string
  /** The 4-byte key ID as an unsigned 32-bit number. */
  readonly keyId: number
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array
}

/** One signature line of a note. */
export interface NoteSignature {
  /** Key name. */
  readonly name: string
  /** Key ID (unsigned 32-bit). */
  readonly keyId: number
  /** The signature bytes after the key ID. */
  readonly signature: Uint8Array
}

/** What {@link openNote} returns for a note that verified. */
export interface OpenedNote {
  /** The note text, ending in a newline. Trust it only because `verifiedBy` is non-empty. */
  readonly text: string
  /** The known keys whose signatures verified, in note order. */
  readonly verifiedBy: readonly NoteVerifier[]
  /** Signatures from keys not in the verifier list, ignored but returned (e.g. witnesses). */
  readonly unverified: readonly NoteSignature[]
}

/** Limits for {@link openNote}. */
export interface OpenNoteOptions {
  /** Most signature lines accepted (default {@link DEFAULT_MAX_SIGNATURES}). */
  readonly maxSignatures?: number
  /** Largest note accepted, in UTF-8 bytes (default {@link DEFAULT_MAX_NOTE_BYTES}). */
  readonly maxBytes?: number
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

function assertKeyName(name: unknown): asserts name is string {
  if (!isValidKeyName(name)) {
    throw new TypeError(`"name" expected a non-empty key name without spaces or "+", got ${JSON.stringify(name)}`)
  }
}

function assertPublicKey(publicKey: unknown): asserts publicKey is Uint8Array {
  if (!(publicKey instanceof Uint8Array)) throw new TypeError('"publicKey" expected Uint8Array')
  if (publicKey.length !== 32) {
    throw new RangeError(`"publicKey" expected Uint8Array of length 32, got length=${publicKey.length}`)
  }
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

function keyIdBytes(keyId: number): Uint8Array {
  return Uint8Array.of(Math.floor(keyId / 2 ** 24) % 256, Math.floor(keyId / 2 ** 16) % 256, Math.floor(keyId / 256) % 256, keyId % 256)
}

function keyIdHex(keyId: number): string {
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
  return { name, keyId: noteKeyId(name, publicKey), publicKey: publicKey.slice() }
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
  if (!(seed instanceof Uint8Array)) throw new TypeError('"seed" expected Uint8Array')
  if (seed.length !== 32) throw new RangeError(`"seed" expected Uint8Array of length 32, got length=${seed.length}`)
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

function checkText(text: string, what: string): void {
  if (!text.endsWith('\n')) throw new TypeError(`${what}: text must end with a newline`)
  if (CONTROL.test(text)) throw new TypeError(`${what}: text contains a control character other than newline`)
  if (!isWellFormedText(text)) throw new TypeError(`${what}: text is not well-formed Unicode`)
}

/**
 * Signs a note text with an Ed25519 {@link Signer} under a key name.
 *
 * @param text - the text to sign; must end with a newline and contain no control characters
 *   other than newline
 * @param signer - produces the Ed25519 signature (seed, Web Crypto or KMS)
 * @param name - the key name, e.g. the log origin
 * @returns the signed note: text, a blank line, one signature line
 * @throws TypeError for bad text, name or signer; CounterfoilError `ERR_SIGNER_FAILED` if the
 *   signer fails or returns something other than 64 bytes
 * @example
 * ```ts
 * const note = await signNote(formatCheckpoint(cp), signer, cp.origin)
 * ```
 */
export async function signNote(text: string, signer: Signer, name: string): Promise<string> {
  if (typeof text !== 'string') throw new TypeError('"text" expected a string')
  checkText(text, 'signNote')
  assertKeyName(name)
  if (typeof signer?.sign !== 'function') throw new TypeError('"signer" expected a Signer')
  const keyId = noteKeyId(name, signer.publicKey)
  let sig: Uint8Array
  try {
    sig = await signer.sign(utf8(text))
  } catch (cause) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', 'signer failed to sign the note', { cause })
  }
  if (!(sig instanceof Uint8Array) || sig.length !== 64) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', 'signer returned something other than a 64-byte Ed25519 signature')
  }
  const blob = new Uint8Array(4 + sig.length)
  blob.set(keyIdBytes(keyId), 0)
  blob.set(sig, 4)
  return `${text}\n${DASH}${name} ${toBase64(blob)}\n`
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(DASH)) throw malformed('signature line does not start with an em dash and a space')
  const rest = line.slice(DASH.length)
  const space = rest.indexOf(' ')
  if (space < 0) throw malformed('signature line has no signature')
  const name = rest.slice(0, space)
  const b64 = rest.slice(space + 1)
  if (!isValidKeyName(name)) throw malformed('signature line has an invalid key name')
  const blob = fromBase64(b64)
  if (blob === undefined) throw malformed('signature is not canonical padded base64')
  if (blob.length < 5) throw malformed('signature is shorter than a key ID and one byte')
  const keyId = ((blob[0]! * 256 + blob[1]!) * 256 + blob[2]!) * 256 + blob[3]!
  return { name, keyId, signature: blob.slice(4) }
}

/**
 * Parses a signed note and checks its signatures against trusted keys (strict; see the module
 * notes for every rule).
 *
 * @param note - the signed note, as a string or as UTF-8 bytes
 * @param verifiers - the trusted keys (from {@link parseVerifierKey} or {@link noteVerifier});
 *   no two may share a name and key ID
 * @param options - limits on signature count and size
 * @returns the text, the known keys that verified, and the ignored unknown signatures
 * @throws CounterfoilError `ERR_MALFORMED` for a note that does not parse (no blank line, wrong
 *   dash, bad base64, duplicate signature line, trailing junk, invalid UTF-8, control characters,
 *   over the limits); `ERR_SIGNATURE_INVALID` if a known key's signature fails or no known key
 *   signed; TypeError for a bad argument, a verifier whose key ID does not match its name and
 *   key, or two verifiers with the same name and key ID
 * @example
 * ```ts
 * const { text } = await openNote(body, [parseVerifierKey(logKey)])
 * const checkpoint = parseCheckpoint(text)
 * ```
 */
export async function openNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: OpenNoteOptions = {},
): Promise<OpenedNote> {
  const maxSignatures = options.maxSignatures ?? DEFAULT_MAX_SIGNATURES
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_NOTE_BYTES
  if (!Number.isSafeInteger(maxSignatures) || maxSignatures < 1) throw new RangeError('"maxSignatures" expected a positive integer')
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError('"maxBytes" expected a positive integer')
  const known = indexVerifiers(verifiers)

  let text: string
  if (note instanceof Uint8Array) {
    if (note.length > maxBytes) throw malformed(`note is larger than ${maxBytes} bytes`)
    const decoded = fromUtf8(note)
    if (decoded === undefined) throw malformed('note is not valid UTF-8')
    text = decoded
  } else if (typeof note === 'string') {
    if (!isWellFormedText(note)) throw malformed('note is not well-formed Unicode')
    // UTF-8 length is at most 3 bytes per UTF-16 code unit; measure only when it could matter.
    if (note.length * 3 > maxBytes && utf8(note).length > maxBytes) throw malformed(`note is larger than ${maxBytes} bytes`)
    text = note
  } else {
    throw new TypeError('"note" expected a string or Uint8Array')
  }
  if (CONTROL.test(text)) throw malformed('note contains a control character other than newline')

  const split = text.lastIndexOf('\n\n')
  if (split < 0) throw malformed('note has no blank line before its signatures')
  const body = text.slice(0, split + 1)
  const block = text.slice(split + 2)
  if (!block.endsWith('\n')) throw malformed('signature block does not end with a newline')
  const lines = block.slice(0, -1).split('\n')
  if (lines.length > maxSignatures) throw malformed(`note has more than ${maxSignatures} signatures`)

  const seen = new Set<string>()
  const verifiedBy: NoteVerifier[] = []
  const unverified: NoteSignature[] = []
  const message = utf8(body)
  for (const line of lines) {
    const sig = parseSignatureLine(line)
    const id = `${sig.name}+${sig.keyId}`
    if (seen.has(id)) throw malformed(`duplicate signature for key ${sig.name}+${keyIdHex(sig.keyId)}`)
    seen.add(id)
    const verifier = known.get(id)
    if (verifier === undefined) {
      unverified.push(sig)
      continue
    }
    if (sig.signature.length !== 64 || !(await verifyEd25519(verifier.publicKey, message, sig.signature))) {
      throw new CounterfoilError('ERR_SIGNATURE_INVALID', `signed note: invalid signature for key ${sig.name}+${keyIdHex(sig.keyId)}`)
    }
    verifiedBy.push(verifier)
  }
  if (verifiedBy.length === 0) {
    throw new CounterfoilError('ERR_SIGNATURE_INVALID', 'signed note: no signature from a trusted key')
  }
  return { text: body, verifiedBy, unverified }
}

function indexVerifiers(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier> {
  if (!Array.isArray(verifiers)) throw new TypeError('"verifiers" expected an array of NoteVerifier')
  const map = new Map<string, NoteVerifier>()
  verifiers.forEach((v, i) => {
    if (typeof v !== 'object' || v === null) throw new TypeError(`"verifiers[${i}]" expected a NoteVerifier`)
    assertKeyName(v.name)
    assertPublicKey(v.publicKey)
    if (!Number.isInteger(v.keyId) || v.keyId < 0 || v.keyId > 0xffffffff) {
      throw new TypeError(`"verifiers[${i}].keyId" expected an unsigned 32-bit integer`)
    }
    if (noteKeyId(v.name, v.publicKey) !== v.keyId) {
      throw new TypeError(`"verifiers[${i}].keyId" does not match its name and public key`)
    }
    const id = `${v.name}+${v.keyId}`
    if (map.has(id)) throw new TypeError(`"verifiers" has two keys named ${v.name}+${keyIdHex(v.keyId)}`)
    map.set(id, v)
  })
  return map
}
