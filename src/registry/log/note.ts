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
import { CounterfoilError } from '../../errors.js'
import { verifyEd25519 } from '../../keys/ed25519.js'
import type { Signer } from '../../keys/interface.js'
import { fromBase64, fromUtf8, isWellFormedText, toBase64, utf8 } from './encoding.js'
import {
  type NoteVerifier,
  assertKeyName,
  assertPublicKey,
  isValidKeyName,
  keyIdBytes,
  keyIdHex,
  noteKeyId,
} from './note-keys.js'

export {
  NOTE_ED25519,
  type NoteVerifier,
  formatSignerKey,
  formatVerifierKey,
  isValidKeyName,
  noteKeyId,
  noteVerifier,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys.js'

/** Default cap on signature lines in {@link openNote}. */
export const DEFAULT_MAX_SIGNATURES = 100
/** Default cap on the size of a note in {@link openNote}, in UTF-8 bytes. */
export const DEFAULT_MAX_NOTE_BYTES = 1024 * 1024

const DASH = '\u2014 '
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/

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
