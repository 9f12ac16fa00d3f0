/**
 * Presentations (docs/spec.md §12): the holder signs the records it shows, bound to one verifier
 * (`aud`) and that verifier's fresh `nonce`, for a short time. DAG-CBOR envelope
 * `{ presentation: payload bytes, signature }`, the payload
 * `{ v, holder, aud, nonce, iat, exp, records: [record bytes…], staples?: [note bytes | null…] }`,
 * signed under its own domain tag so a presentation signature can never pass as a record's.
 */
import type { CID } from 'multiformats/cid'
import { cidOf } from '../codec/cid.js'
import { decodeCbor, encodeCbor } from '../codec/dag-cbor.js'
import { DOMAIN, domainSeparated } from '../codec/domain.js'
import { fromBase64url, toBase64url } from '../codec/multibase.js'
import { CounterfoilError } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import { verifyEd25519 } from '../keys/ed25519.js'
import type { Signer } from '../keys/interface.js'
import { DisclosedRecord } from '../record/disclosed-record.js'
import { DEFAULT_MAX_RECORD_BYTES, SignedRecord } from '../record/envelope.js'
import { MAX_TIME } from '../record/payload.js'
import { nowSeconds, toSeconds } from '../record/time.js'

/** Wire-format version of presentations. */
export const PRESENTATION_VERSION = 1
/** Most records one presentation may carry. */
export const MAX_PRESENTED_RECORDS = 64
/** Default lifetime of a presentation, seconds. */
export const DEFAULT_PRESENTATION_LIFETIME = 300
/** Largest presentation accepted by default, bytes. */
export const DEFAULT_MAX_PRESENTATION_BYTES = 4 * DEFAULT_MAX_RECORD_BYTES

const MAX_TEXT = 2048

/** The signed fields of a presentation. Times are integer seconds. */
export interface PresentationPayload {
  readonly v: 1
  /** The holder's did:key: every record's `sub` must be this. */
  readonly holder: string
  /** Who it is for: the verifier's DID or origin, exactly as the verifier asked. */
  readonly aud: string
  /** The verifier's nonce. */
  readonly nonce: string
  readonly iat: number
  readonly exp: number
  /** Each record's bytes: a signed record envelope or a disclosed record. */
  readonly records: readonly Uint8Array[]
  /** Status notes stapled to the records, index for index (`null` where none). */
  readonly staples?: readonly (Uint8Array | null)[]
}

/**
 * A decoded, structurally valid presentation. Holding one does not mean it is genuine: call
 * `verifyPresentation`.
 *
 * @example
 * ```ts
 * const p = decodePresentation(text)
 * p.payload.aud // 'https://repair.example'
 * ```
 */
export class Presentation {
  /** @internal use `present` or {@link decodePresentation} */
  constructor(
    /** The envelope's canonical bytes. */
    readonly bytes: Uint8Array,
    /** The payload's canonical bytes (what is signed, through its CID). */
    readonly payloadBytes: Uint8Array,
    /** The decoded payload. */
    readonly payload: PresentationPayload,
    /** The holder's 64-byte signature. */
    readonly signature: Uint8Array,
  ) {}

  /** CID of the payload bytes. */
  get cid(): CID {
    return cidOf(this.payloadBytes)
  }

  /** The text form: multibase base64url (`u…`). */
  toString(): string {
    return toBase64url(this.bytes)
  }

  /** JSON form is the text form. */
  toJSON(): string {
    return this.toString()
  }
}

/**
 * `"counterfoil/v1/presentation" 0x00 ‖ CID bytes of the payload`: what the holder signs.
 *
 * @param cid - CID of the presentation payload
 * @returns the signing input
 * @example
 * ```ts
 * const input = presentationSigningInput(presentation.cid)
 * ```
 */
export function presentationSigningInput(cid: CID): Uint8Array {
  return domainSeparated(DOMAIN.presentation, cid.bytes)
}

function malformed(message: string): CounterfoilError {
  return new CounterfoilError('ERR_MALFORMED', `presentation: ${message}`)
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array)
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) throw malformed(`"${name}" must be a string of 1 to ${MAX_TEXT} characters`)
  return value
}

function time(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_TIME) throw malformed(`"${name}" must be integer seconds`)
  return value
}

const PAYLOAD_FIELDS = new Set(['v', 'holder', 'aud', 'nonce', 'iat', 'exp', 'records', 'staples'])

/**
 * Validates a decoded presentation payload field by field.
 *
 * @param value - decoded DAG-CBOR
 * @returns the payload
 * @throws {CounterfoilError} `ERR_MALFORMED`, `ERR_UNSUPPORTED_VERSION`, `ERR_INVALID_DID`
 * @example
 * ```ts
 * const payload = parsePresentationPayload(decodeCbor(presentation.payloadBytes))
 * ```
 */
export function parsePresentationPayload(value: unknown): PresentationPayload {
  if (!isMap(value)) throw malformed('payload must be a map')
  if (value.v !== PRESENTATION_VERSION) {
    throw new CounterfoilError('ERR_UNSUPPORTED_VERSION', `presentation version ${JSON.stringify(value.v ?? null)} is not supported`)
  }
  for (const key of Object.keys(value)) if (!PAYLOAD_FIELDS.has(key)) throw malformed(`unknown field "${key}"`)
  const holder = text(value.holder, 'holder')
  publicKeyFromDid(holder)
  const iat = time(value.iat, 'iat')
  const exp = time(value.exp, 'exp')
  if (exp <= iat) throw malformed('"exp" must be later than "iat"')
  const { records, staples } = value
  if (!Array.isArray(records) || records.length === 0 || records.length > MAX_PRESENTED_RECORDS) {
    throw malformed(`"records" must hold 1 to ${MAX_PRESENTED_RECORDS} records`)
  }
  if (!records.every((r) => r instanceof Uint8Array)) throw malformed('each record must be bytes')
  const payload: { -readonly [K in keyof PresentationPayload]: PresentationPayload[K] } = {
    v: 1, holder, aud: text(value.aud, 'aud'), nonce: text(value.nonce, 'nonce'), iat, exp, records: records as Uint8Array[],
  }
  if (staples !== undefined) {
    if (!Array.isArray(staples) || staples.length !== records.length) throw malformed('"staples" must have one entry per record')
    if (!staples.every((s) => s === null || s instanceof Uint8Array) || staples.every((s) => s === null)) {
      throw malformed('"staples" entries must be bytes or null, and not all null')
    }
    payload.staples = staples as (Uint8Array | null)[]
  }
  return payload
}

/**
 * Decodes a presentation from bytes or `u…` text, strictly. Does not check the signature.
 *
 * @param input - envelope bytes or text
 * @param options - `maxBytes` (default 1 MiB)
 * @returns the presentation
 * @throws {CounterfoilError} `ERR_MALFORMED`, `ERR_NON_CANONICAL`, `ERR_TOO_LARGE`, `ERR_UNSUPPORTED_VERSION`, `ERR_INVALID_DID`
 * @example
 * ```ts
 * const p = decodePresentation(text)
 * ```
 */
export function decodePresentation(input: Presentation | Uint8Array | string, options: { maxBytes?: number } = {}): Presentation {
  if (input instanceof Presentation) return input
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PRESENTATION_BYTES
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new TypeError(`"input" expected a Presentation, Uint8Array or string, got ${input === null ? 'null' : typeof input}`)
  }
  if (typeof input === 'string' && input.trim().length > Math.ceil((maxBytes * 4) / 3) + 1) {
    throw new CounterfoilError('ERR_TOO_LARGE', `presentation text is longer than ${maxBytes} bytes allow`)
  }
  const bytes = typeof input === 'string' ? fromBase64url(input.trim()) : input
  if (bytes.length > maxBytes) throw new CounterfoilError('ERR_TOO_LARGE', `presentation is ${bytes.length} bytes, more than ${maxBytes}`)
  const envelope = decodeCbor(bytes)
  if (!isMap(envelope)) throw malformed('must be a map')
  const { presentation, signature, ...rest } = envelope
  if (Object.keys(rest).length > 0) throw malformed(`unknown field "${Object.keys(rest)[0]}"`)
  if (!(presentation instanceof Uint8Array)) throw malformed('"presentation" must be bytes')
  if (!(signature instanceof Uint8Array) || signature.length !== 64) throw malformed('"signature" must be 64 bytes')
  return new Presentation(bytes, presentation, parsePresentationPayload(decodeCbor(presentation)), signature)
}

/** What to present. */
export interface PresentOptions {
  /** The holder's signer: the `sub` of every record shown (a pairwise key works: it IS the sub). */
  holder: Signer
  /** The records to show: signed records, or disclosed records from `disclose`. */
  records: readonly (SignedRecord | DisclosedRecord | Uint8Array | string)[]
  /** The verifier's DID or origin, exactly as it asked. */
  audience: string
  /** The verifier's nonce. */
  nonce: string
  /** Lifetime in seconds; default 300. */
  expiresIn?: number
  /** Issue time; default now. */
  issuedAt?: Date | number
  /** Status notes to staple, index for index with `records` (`null`/`undefined` where none). */
  staples?: readonly (Uint8Array | string | null | undefined)[]
}

function recordBytes(r: SignedRecord | DisclosedRecord | Uint8Array | string): Uint8Array {
  if (r instanceof SignedRecord || r instanceof DisclosedRecord) return r.bytes
  if (r instanceof Uint8Array) return r
  if (typeof r === 'string') return fromBase64url(r.trim())
  throw new TypeError('"records" expected SignedRecord, DisclosedRecord, bytes or text')
}

/**
 * Signs a presentation of `records` for one verifier. The verifier checks it with
 * `verifyPresentation` using the same audience and nonce, once.
 *
 * @param options - see {@link PresentOptions}
 * @returns the presentation; send `presentation.toString()`
 * @throws {CounterfoilError} `ERR_SIGNER_FAILED`; `ERR_MALFORMED` for bad fields
 * @throws {TypeError | RangeError} for programmer mistakes
 * @example
 * ```ts
 * const p = await present({ holder: me, records: [disclose(warranty, ['serial', 'expires'])], audience: 'https://repair.example', nonce })
 * ```
 */
export async function present(options: PresentOptions): Promise<Presentation> {
  const { holder, audience, nonce } = options
  if (typeof holder !== 'object' || holder === null || typeof holder.sign !== 'function' || typeof holder.did !== 'string') {
    throw new TypeError('"holder" expected a Signer')
  }
  if (!Array.isArray(options.records)) throw new TypeError('"records" expected an array')
  const iat = options.issuedAt === undefined ? nowSeconds() : toSeconds(options.issuedAt, 'issuedAt')
  const lifetime = options.expiresIn ?? DEFAULT_PRESENTATION_LIFETIME
  if (!Number.isSafeInteger(lifetime) || lifetime <= 0) throw new RangeError(`"expiresIn" expected positive integer seconds, got ${lifetime}`)
  const records = options.records.map(recordBytes)
  const fields: Record<string, unknown> = { v: 1, holder: holder.did, aud: audience, nonce, iat, exp: iat + lifetime, records }
  if (options.staples !== undefined) {
    if (!Array.isArray(options.staples) || options.staples.length !== records.length) throw new TypeError('"staples" expected one entry per record')
    const staples = options.staples.map((s) => (s === null || s === undefined ? null : typeof s === 'string' ? fromBase64url(s) : s))
    if (staples.some((s) => s !== null)) fields.staples = staples
  }
  const payloadBytes = encodeCbor(fields)
  const payload = parsePresentationPayload(decodeCbor(payloadBytes))
  const input = presentationSigningInput(cidOf(payloadBytes))
  let signature: Uint8Array
  try {
    signature = await holder.sign(input)
  } catch (e) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', `holder ${holder.did} failed to sign`, { cause: e })
  }
  if (!(signature instanceof Uint8Array) || signature.length !== 64 || !(await verifyEd25519(publicKeyFromDid(holder.did), input, signature))) {
    throw new CounterfoilError('ERR_SIGNER_FAILED', `holder ${holder.did} returned an invalid signature`)
  }
  return new Presentation(encodeCbor({ presentation: payloadBytes, signature }), payloadBytes, payload, signature)
}
