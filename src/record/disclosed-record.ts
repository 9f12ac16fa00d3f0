/**
 * A signed record together with disclosures (docs/spec.md §11.5): what `issue` hands the holder when
 * claims are disclosable (every disclosure), and what `disclose` makes for a verifier (a chosen
 * few). DAG-CBOR `{ record: envelope bytes, disclosures: [[salt, path, value]…], withheld?: [[path,
 * valueDigest]…] }`, text form `u…` like a record.
 */
import { decodeCbor, encodeCbor } from '../codec/dag-cbor.js'
import { fromBase64url, toBase64url } from '../codec/multibase.js'
import { CounterfoilError } from '../errors.js'
import { expandPattern, formatClaimPath, isPrefixOf, matchesPattern, parsePathPattern, type ClaimPath } from './claim-path.js'
import { applyDisclosures, parseDisclosure, parseWithheld, valueDigest, type Disclosure, type DisclosureSummary, type WithheldClaim } from './disclosure.js'
import { looksDisclosed } from './disclosed-form.js'
import { decodeRecord, DEFAULT_MAX_RECORD_BYTES, SignedRecord } from './envelope.js'

/**
 * A signed record with some or all of its disclosures. `record` is the issuer's envelope, unchanged:
 * its id, signatures and registry status are the record's.
 *
 * @example
 * ```ts
 * const shown = disclose(warranty, ['serial', 'expires'])
 * const text = shown.toString() // hand this to the verifier
 * ```
 */
export class DisclosedRecord {
  /** The canonical DAG-CBOR bytes of this container. */
  readonly bytes: Uint8Array

  /** @internal use `issue`, {@link disclose} or {@link decodeDisclosedRecord} */
  constructor(
    /** The signed record whose digests the disclosures match. */
    readonly record: SignedRecord,
    /** The disclosures carried, shortest path first. */
    readonly disclosures: readonly Disclosure[],
    /** Withheld claims the holder chose to name. */
    readonly withheld: readonly WithheldClaim[] = [],
    bytes?: Uint8Array,
  ) {
    this.bytes = bytes ?? encodeCbor({
      record: record.bytes,
      disclosures: disclosures.map((d) => [d.salt, d.path, d.value]),
      ...(withheld.length > 0 ? { withheld: withheld.map((w) => [w.path, w.valueDigest]) } : {}),
    })
  }

  /** The record id (`bafy…`), the same as the signed record's. */
  get id(): string {
    return this.record.id
  }

  /** Paths of the claims this container discloses. */
  get paths(): string[] {
    return this.disclosures.map((d) => formatClaimPath(d.path))
  }

  /**
   * The claims as a verifier of this container would see them. Does not check signatures.
   *
   * @throws {CounterfoilError} `ERR_DISCLOSURE_INVALID` or `ERR_DISCLOSURE_NOT_IN_RECORD` when a disclosure does not fit the record
   */
  claims(): DisclosureSummary {
    return applyDisclosures(this.record.payload, this.disclosures, this.withheld)
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

function malformed(message: string): CounterfoilError {
  return new CounterfoilError('ERR_MALFORMED', `disclosed record: ${message}`)
}

/**
 * True when `input` is a {@link DisclosedRecord}, or bytes or text that start like one.
 *
 * @param input - what was handed to `verify`
 * @returns whether to decode it as a disclosed record
 * @example
 * ```ts
 * isDisclosedRecordForm(disclose(copy, ['serial']).toString()) // true
 * ```
 */
export function isDisclosedRecordForm(input: unknown): boolean {
  if (input instanceof DisclosedRecord) return true
  return (typeof input === 'string' || input instanceof Uint8Array) && looksDisclosed(input)
}

/**
 * Decodes a disclosed record from bytes or `u…` text, strictly. Checks structure only: `verify`
 * checks signatures and disclosures.
 *
 * @param input - container bytes or text
 * @param options - `maxBytes`, default 256 KiB
 * @returns the disclosed record
 * @throws {CounterfoilError} `ERR_MALFORMED`, `ERR_NON_CANONICAL`, `ERR_TOO_LARGE`, `ERR_DISCLOSURE_INVALID`
 * @example
 * ```ts
 * const shown = decodeDisclosedRecord(text)
 * shown.paths // ['serial', 'expires']
 * ```
 */
export function decodeDisclosedRecord(input: DisclosedRecord | Uint8Array | string, options: { maxBytes?: number } = {}): DisclosedRecord {
  if (input instanceof DisclosedRecord) return input
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RECORD_BYTES
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new TypeError(`"input" expected Uint8Array or string, got ${input === null ? 'null' : typeof input}`)
  }
  if (typeof input === 'string' && input.trim().length > Math.ceil((maxBytes * 4) / 3) + 1) {
    throw new CounterfoilError('ERR_TOO_LARGE', `disclosed record text is longer than ${maxBytes} bytes allow`)
  }
  const bytes = typeof input === 'string' ? fromBase64url(input.trim()) : input
  if (bytes.length > maxBytes) throw new CounterfoilError('ERR_TOO_LARGE', `disclosed record is ${bytes.length} bytes, more than ${maxBytes}`)
  const top = decodeCbor(bytes)
  if (typeof top !== 'object' || top === null || Array.isArray(top) || top instanceof Uint8Array) throw malformed('must be a map')
  const { record, disclosures, withheld, ...rest } = top as Record<string, unknown>
  if (Object.keys(rest).length > 0) throw malformed(`unknown field "${Object.keys(rest)[0]}"`)
  if (!(record instanceof Uint8Array)) throw malformed('"record" must be the signed record\'s bytes')
  if (!Array.isArray(disclosures)) throw malformed('"disclosures" must be an array')
  if (withheld !== undefined && (!Array.isArray(withheld) || withheld.length === 0)) throw malformed('"withheld" must be a non-empty array when present')
  const signed = decodeRecord(record, { maxBytes })
  return new DisclosedRecord(signed, (disclosures as unknown[]).map(parseDisclosure), ((withheld ?? []) as unknown[]).map(parseWithheld), bytes)
}

/** Options for {@link disclose}. */
export interface DiscloseOptions {
  /**
   * Name the paths of the claims withheld (not their values), so the verifier knows what it is not
   * shown. Default true; false shows nothing about them but their number, padded by decoys.
   */
  nameWithheld?: boolean
}

/**
 * Chooses what to show: a disclosed record with only the disclosures at `paths`, plus their
 * ancestors' (without which they would have no place). A path names exactly one level: disclosing
 * `address` does not disclose a separately disclosable `address.city` — list both to show both.
 * Patterns as in `issue`'s `disclosable`; a claim signed in the clear is shown anyway.
 *
 * @param input - the holder's full copy (from `issue`), as object, bytes or text
 * @param paths - claim paths to show, e.g. `['serial', 'expires']`; `[]` shows only the clear claims
 * @param options - see {@link DiscloseOptions}
 * @returns the disclosed record for one verifier
 * @throws {CounterfoilError} `ERR_NOT_FOUND` for a path that names no claim; decoding errors
 * @example
 * ```ts
 * const shown = disclose(warranty, ['serial', 'expires'])
 * await present({ holder, records: [shown], audience, nonce })
 * ```
 */
export function disclose(input: DisclosedRecord | Uint8Array | string, paths: readonly string[], options: DiscloseOptions = {}): DisclosedRecord {
  const full = decodeDisclosedRecord(input)
  if (!Array.isArray(paths)) throw new TypeError('"paths" expected an array of claim paths')
  const chosen = new Set<Disclosure>()
  for (const text of paths) {
    const pattern = parsePathPattern(text)
    const hits = full.disclosures.filter((d) => matchesPattern(d.path, pattern))
    if (hits.length === 0 && expandPattern(full.record.payload.claims, pattern).length === 0) {
      throw new CounterfoilError('ERR_NOT_FOUND', `record ${full.id} has no claim at ${JSON.stringify(text)}`)
    }
    for (const hit of hits) {
      chosen.add(hit)
      for (const d of full.disclosures) if (isPrefixOf(d.path, hit.path)) chosen.add(d)
    }
  }
  const shown = full.disclosures.filter((d) => chosen.has(d))
  const withheld: WithheldClaim[] = options.nameWithheld === false
    ? []
    : [...full.withheld, ...full.disclosures.filter((d) => !chosen.has(d)).map((d) => ({ path: d.path, valueDigest: valueDigest(d.salt, d.value) }))]
  return new DisclosedRecord(full.record, shown, withheld)
}

export type { ClaimPath }
