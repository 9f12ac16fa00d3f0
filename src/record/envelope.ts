/**
 * The signed record envelope (docs/spec.md §3): `{ payload: bytes, signatures: [{ signer, signature }] }`
 * in DAG-CBOR, and its `u…` text form. Decoding here is structural and strict; it never checks
 * signatures (that is `verify`'s job) but it does prove every byte canonical.
 */
import { CID } from 'multiformats/cid'
import { bytesEqual, copyBytes } from '../codec/bytes.js'
import { cidBytesOf, cidText } from '../codec/cid.js'
import { asciiText, decodeDagCbor, DEFAULT_MAX_DEPTH } from '../codec/dag-cbor-decode.js'
import { encodeCbor } from '../codec/dag-cbor.js'
import { DOMAIN, domainSeparated } from '../codec/domain.js'
import { fromBase64url, toBase64url } from '../codec/multibase.js'
import { CounterfoilError } from '../errors.js'
import { sharedPublicKeyFromDid } from '../keys/did.js'
import { parsePayload, type RecordPayload } from './payload.js'

/** Largest signed record {@link decodeRecord} accepts by default (bytes). */
export const DEFAULT_MAX_RECORD_BYTES = 256 * 1024

/** Most signatures one envelope may carry. */
export const MAX_SIGNATURES = 16

/**
 * Passed to the constructor by {@link decodeRecord} and {@link assembleRecord} only: marks records
 * whose fields are known to match their bytes. A private field rather than a WeakSet, because a
 * WeakSet entry per record is work for every garbage collection while the record lives.
 */
const SEAL: unique symbol = Symbol('counterfoil.record')
let sealed: (record: SignedRecord) => boolean

/**
 * True when `record` came from {@link decodeRecord} or {@link assembleRecord} in this process, so
 * its fields are known to match its bytes (a hand-made object could claim anything).
 *
 * @param record - a record object
 * @returns whether it can be trusted structurally without decoding its bytes again
 */
export function isGenuineRecord(record: SignedRecord): boolean {
  return sealed(record)
}

/** One signature in an envelope. */
export interface RecordSignature {
  /** did:key of the signer. */
  readonly signer: string
  /** 64-byte Ed25519 signature over {@link signingInput} of the record id. */
  readonly signature: Uint8Array
}

/**
 * A decoded, structurally valid signed record. Holding one does not mean it is genuine: call
 * `verify` for that.
 *
 * @example
 * ```ts
 * const record = decodeRecord(text)
 * console.log(record.id, record.payload.type, record.toString() === text)
 * ```
 */
export class SignedRecord {
  /** The envelope's canonical DAG-CBOR bytes. */
  readonly bytes: Uint8Array
  /** The payload's canonical DAG-CBOR bytes (what the id hashes). */
  readonly payloadBytes: Uint8Array
  /** The decoded payload fields. */
  readonly payload: RecordPayload
  /** Every signature, issuer's first. */
  readonly signatures: readonly RecordSignature[]
  /** The binary record id (36 bytes, what {@link signingInput} binds); `cid` and `id` are built from it on first use. */
  readonly cidBytes: Uint8Array
  #cid: CID | undefined
  #id: string | undefined
  #text: string | undefined
  readonly #sealed: boolean

  static {
    sealed = (record) => #sealed in record && record.#sealed
  }

  /** @internal use {@link decodeRecord} or `issue` */
  constructor(cidBytes: Uint8Array, bytes: Uint8Array, payloadBytes: Uint8Array, payload: RecordPayload, signatures: readonly RecordSignature[], text?: string, seal?: symbol) {
    this.cidBytes = cidBytes
    this.bytes = bytes
    this.payloadBytes = payloadBytes
    this.payload = payload
    this.signatures = signatures
    this.#text = text
    this.#sealed = seal === SEAL
  }

  /** Record id: CIDv1 (dag-cbor, sha2-256) of the payload bytes, base32 text (`bafy…`). */
  get id(): string {
    return (this.#id ??= cidText(this.cidBytes))
  }

  /** The record id as a CID. */
  get cid(): CID {
    return (this.#cid ??= CID.decode(this.cidBytes))
  }

  /** The text form: multibase base64url of {@link bytes} (`u…`), safe in URLs, QR codes and e-mail. */
  toString(): string {
    return (this.#text ??= toBase64url(this.bytes))
  }

  /** JSON form is the text form, so records embed in JSON without surprises. */
  toJSON(): string {
    return this.toString()
  }
}

/** `"counterfoil/v1/record" 0x00`, built once. */
const RECORD_PREFIX = /* @__PURE__ */ domainSeparated(DOMAIN.record, new Uint8Array(0))

/**
 * The bytes every record signature covers: `"counterfoil/v1/record" 0x00 ‖ CID bytes`.
 *
 * @param cid - the record id, as a CID or its binary form
 * @returns the signing input
 * @example
 * ```ts
 * const input = signingInput(record.cid)
 * ```
 */
export function signingInput(cid: CID | Uint8Array): Uint8Array {
  const bytes = cid instanceof Uint8Array ? cid : cid.bytes
  const out = new Uint8Array(RECORD_PREFIX.length + bytes.length)
  out.set(RECORD_PREFIX)
  out.set(bytes, RECORD_PREFIX.length)
  return out
}

function malformed(message: string): CounterfoilError {
  return new CounterfoilError('ERR_MALFORMED', `signed record: ${message}`)
}

function parseSignatures(value: unknown, payload: RecordPayload): RecordSignature[] {
  if (!Array.isArray(value) || value.length === 0) throw malformed('"signatures" must be a non-empty array')
  if (value.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`)
  // Exact size: a record keeps this array for life, and one grown by push keeps room for 16.
  const out = new Array<RecordSignature>(value.length)
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i]
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || entry instanceof Uint8Array) {
      throw malformed('each signature must be a map')
    }
    const { signer, signature, ...rest } = entry as Record<string, unknown>
    if (Object.keys(rest).length > 0) throw malformed(`unknown signature field "${Object.keys(rest)[0]}"`)
    if (typeof signer !== 'string') throw malformed('"signer" must be a did:key string')
    sharedPublicKeyFromDid(signer) // throws ERR_INVALID_DID
    if (!(signature instanceof Uint8Array) || signature.length !== 64) throw malformed('"signature" must be 64 bytes')
    for (let j = 0; j < i; j++) if (out[j]!.signer === signer) throw malformed(`signer ${signer} appears twice`)
    out[i] = { signer, signature }
  }
  assertIssuerFirst(out[0]!.signer, payload)
  return out
}

function assertIssuerFirst(firstSigner: string, payload: RecordPayload): void {
  if (firstSigner !== payload.iss) throw malformed('the first signature must be the issuer\'s')
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0))
/** `{ "payload": ` — map(2), text(7). */
const ENVELOPE_HEAD = /* @__PURE__ */ Uint8Array.of(0xa2, 0x67, ...ascii('payload'))
/** `"signatures": [{ "signer": ` — text(10), array(1), map(2), text(6), then the text(56) head. */
const ONE_SIGNER_HEAD = /* @__PURE__ */ Uint8Array.of(0x6a, ...ascii('signatures'), 0x81, 0xa2, 0x66, ...ascii('signer'), 0x78, 56)
/** `"signature": ` — text(9), then the bytes(64) head. */
const SIGNATURE_HEAD = /* @__PURE__ */ Uint8Array.of(0x69, ...ascii('signature'), 0x58, 64)
/** Length of an Ed25519 did:key (`did:key:z6Mk…`). */
const DID_LENGTH = 56

function matches(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  if (at + expected.length > bytes.length) return false
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false
  return true
}

/**
 * The envelope most records have — one issuer signature — read by template, byte for byte, in
 * its only canonical encoding: `{ payload: bytes, signatures: [{ signer: text(56), signature:
 * bytes(64) }] }` with every head in shortest form. Anything else (co-signed records, and every
 * malformed or non-canonical input) returns `undefined` and takes the general decoder, which
 * accepts exactly the same envelopes and says what is wrong with the rest.
 */
function oneSignerEnvelope(bytes: Uint8Array): { payloadBytes: Uint8Array; signer: string; signature: Uint8Array } | undefined {
  if (!matches(bytes, 0, ENVELOPE_HEAD)) return undefined
  let at = ENVELOPE_HEAD.length
  const head = bytes[at++]
  let length: number
  if (head === undefined || head >> 5 !== 2) return undefined
  const ai = head & 0x1f
  if (ai < 24) length = ai
  else if (ai === 24 && at + 1 <= bytes.length && bytes[at]! >= 24) length = bytes[at++]!
  else if (ai === 25 && at + 2 <= bytes.length && bytes[at]! !== 0) length = (bytes[at++]! << 8) | bytes[at++]!
  else return undefined // 4-byte lengths (payloads over 64 KiB) and non-shortest heads: the general way
  const payloadBytes = bytes.subarray(at, at + length)
  at += length
  if (!matches(bytes, at, ONE_SIGNER_HEAD)) return undefined
  at += ONE_SIGNER_HEAD.length
  if (at + DID_LENGTH > bytes.length) return undefined
  const signer = asciiText(bytes, at, DID_LENGTH)
  if (signer === undefined) return undefined
  at += DID_LENGTH
  if (!matches(bytes, at, SIGNATURE_HEAD)) return undefined
  at += SIGNATURE_HEAD.length
  if (at + 64 !== bytes.length) return undefined
  return { payloadBytes, signer, signature: bytes.subarray(at, at + 64) }
}

/**
 * Encodes a payload and signatures into a {@link SignedRecord}. Used by `issue` and `cosign`.
 *
 * @param payloadBytes - canonical payload bytes
 * @param payload - the same payload, decoded
 * @param signatures - issuer's first
 * @returns the signed record
 */
export function assembleRecord(payloadBytes: Uint8Array, payload: RecordPayload, signatures: readonly RecordSignature[]): SignedRecord {
  const bytes = encodeCbor({
    payload: payloadBytes,
    signatures: signatures.map((s) => ({ signer: s.signer, signature: s.signature })),
  })
  return new SignedRecord(cidBytesOf(payloadBytes), bytes, payloadBytes, payload, signatures, undefined, SEAL)
}

/** Options for {@link decodeRecord}. */
export interface DecodeRecordOptions {
  /** Largest envelope accepted, in bytes; default {@link DEFAULT_MAX_RECORD_BYTES}. */
  maxBytes?: number
}

/**
 * Decodes a signed record from its bytes or its `u…` text, strictly (docs/spec.md §3.3). Does not
 * check signatures: use `verify` for that.
 *
 * @param input - envelope bytes, or the `u…` text form (surrounding white space is ignored)
 * @param options - see {@link DecodeRecordOptions}
 * @returns the record
 * @throws {CounterfoilError} `ERR_MALFORMED`, `ERR_NON_CANONICAL`, `ERR_UNSUPPORTED_VERSION`,
 *   `ERR_INVALID_DID` or `ERR_TOO_LARGE`
 * @throws {TypeError} if `input` is neither a string nor a Uint8Array
 * @example
 * ```ts
 * const record = decodeRecord('uomdwYXlsb2Fk…')
 * record.payload.claims
 * ```
 */
export function decodeRecord(input: Uint8Array | string, options: DecodeRecordOptions = {}): SignedRecord {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RECORD_BYTES
  let bytes: Uint8Array
  let text: string | undefined
  if (typeof input === 'string') {
    text = input.trim()
    if (text.length > Math.ceil((maxBytes * 4) / 3) + 1) {
      throw new CounterfoilError('ERR_TOO_LARGE', `signed record text is longer than ${maxBytes} bytes allow`)
    }
    bytes = fromBase64url(text)
  } else if (input instanceof Uint8Array) {
    bytes = input
  } else {
    throw new TypeError(`"input" expected Uint8Array or string, got ${input === null ? 'null' : typeof input}`)
  }
  if (bytes.length > maxBytes) throw new CounterfoilError('ERR_TOO_LARGE', `signed record is ${bytes.length} bytes, more than ${maxBytes}`)
  // A private copy: the record's byte fields are views into it, and the caller may reuse its buffer.
  if (bytes === input) bytes = copyBytes(bytes)
  const oneSigner = oneSignerEnvelope(bytes)
  if (oneSigner !== undefined) {
    const { payloadBytes, signer, signature } = oneSigner
    const payload = parsePayload(decodeDagCbor(payloadBytes, DEFAULT_MAX_DEPTH, false))
    sharedPublicKeyFromDid(signer) // throws ERR_INVALID_DID, as parseSignatures would
    assertIssuerFirst(signer, payload)
    return new SignedRecord(cidBytesOf(payloadBytes), bytes, payloadBytes, payload, [{ signer, signature }], text, SEAL)
  }
  const envelope = decodeDagCbor(bytes, DEFAULT_MAX_DEPTH, false)
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope) || envelope instanceof Uint8Array) {
    throw malformed('must be a map')
  }
  const { payload: payloadBytes, signatures, ...rest } = envelope as Record<string, unknown>
  if (Object.keys(rest).length > 0) throw malformed(`unknown field "${Object.keys(rest)[0]}"`)
  if (!(payloadBytes instanceof Uint8Array)) throw malformed('"payload" must be bytes')
  const payload = parsePayload(decodeDagCbor(payloadBytes, DEFAULT_MAX_DEPTH, false))
  const parsed = parseSignatures(signatures, payload)
  // decodeDagCbor proved both layers canonical, so these bytes are the only encoding of this record.
  return new SignedRecord(cidBytesOf(payloadBytes), bytes, payloadBytes, payload, parsed, text, SEAL)
}

/**
 * The record id (CID text) of a record given as bytes, text or a decoded record.
 *
 * @param input - a signed record in any form
 * @returns `bafy…`
 * @throws {CounterfoilError} as {@link decodeRecord}
 * @example
 * ```ts
 * recordId(text) === decodeRecord(text).id // true
 * ```
 */
export function recordId(input: SignedRecord | Uint8Array | string): string {
  return input instanceof SignedRecord ? input.id : decodeRecord(input).id
}

/** True when two records are byte-identical. */
export function sameRecord(a: SignedRecord, b: SignedRecord): boolean {
  return bytesEqual(a.bytes, b.bytes)
}
