/**
 * Strict, deterministic DAG-CBOR (https://ipld.io/specs/codecs/dag-cbor/spec/): the codec's public
 * face. Encoding (`dag-cbor-encode.ts`) writes the one canonical form; decoding
 * (`dag-cbor-decode.ts`) accepts only that form, checking it while it parses, and rejects what the
 * DAG-CBOR spec forbids (undefined, NaN, ±Infinity, indefinite lengths, tags other than 42,
 * non-string map keys, duplicate keys, trailing bytes): two implementations can never disagree
 * about which bytes a value has.
 */
import type { CID } from 'multiformats/cid'
import { decodeDagCbor, DEFAULT_MAX_DEPTH } from './dag-cbor-decode.js'
import { encodeDagCbor } from './dag-cbor-encode.js'

export { DEFAULT_MAX_DEPTH }

/** Any value of the IPLD data model as counterfoil decodes it. */
export type CborValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | CID
  | readonly CborValue[]
  | { readonly [key: string]: CborValue }

/** Options for {@link decodeCbor}. */
export interface DecodeCborOptions {
  /** Deepest nesting of arrays, maps and tags; default {@link DEFAULT_MAX_DEPTH}. */
  maxDepth?: number
}

/**
 * Encodes a value as canonical DAG-CBOR (map keys sorted length-first then bytewise, minimal
 * integers, 64-bit floats, CIDs as tag 42).
 *
 * @param value - any IPLD data-model value
 * @returns the canonical bytes
 * @throws {CounterfoilError} `ERR_MALFORMED` for undefined, NaN, Infinity, Map, Set or Date
 * @example
 * ```ts
 * encodeCbor({ b: 1, a: [true, null] }) // a2 61 61 82 f5 f6 61 62 01
 * ```
 */
export function encodeCbor(value: unknown): Uint8Array {
  return encodeDagCbor(value)
}

/**
 * Decodes canonical DAG-CBOR strictly, proving it canonical while it parses (see dag-cbor-decode.ts).
 *
 * @param bytes - exactly one DAG-CBOR item, nothing after it
 * @param options - see {@link DecodeCborOptions}
 * @returns the decoded value
 * @throws {CounterfoilError} `ERR_MALFORMED` (not DAG-CBOR, trailing bytes, duplicate keys, too
 *   deep, forbidden values) or `ERR_NON_CANONICAL` (valid but not the canonical encoding)
 * @throws {TypeError} if `bytes` is not a Uint8Array
 * @example
 * ```ts
 * decodeCbor(new Uint8Array([0xa1, 0x61, 0x61, 0x01])) // { a: 1 }
 * decodeCbor(new Uint8Array([0x18, 0x01]))             // throws ERR_NON_CANONICAL
 * ```
 */
export function decodeCbor(bytes: Uint8Array, options: DecodeCborOptions = {}): CborValue {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`"bytes" expected Uint8Array, got ${bytes === null ? 'null' : typeof bytes}`)
  }
  return decodeDagCbor(bytes, options.maxDepth ?? DEFAULT_MAX_DEPTH)
}
