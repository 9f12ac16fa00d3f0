/**
 * Strict, deterministic DAG-CBOR (https://ipld.io/specs/codecs/dag-cbor/spec/) over cborg.
 * All decoding options live here, in one place. Decoding rejects what the DAG-CBOR spec forbids
 * (undefined, NaN, ±Infinity, indefinite lengths, tags other than 42, non-string map keys,
 * duplicate keys, trailing bytes) and then re-encodes and compares bytes, so anything that is not
 * the one canonical encoding of its value (unsorted keys, non-minimal integers, short floats) is
 * rejected too: two implementations can never disagree about which bytes a value has.
 */
import { encode as cborgEncode, Token, Type } from 'cborg'
import { CID } from 'multiformats/cid'
import { CounterfoilError } from '../errors.js'
import { decodeDagCbor, DEFAULT_MAX_DEPTH } from './dag-cbor-decode.js'

export { DEFAULT_MAX_DEPTH }

/** DAG-CBOR tag for CIDs (the only tag the data model allows). */
const CID_TAG = 42


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

function cidEncoder(obj: unknown): Token[] | null {
  const cid = CID.asCID(obj)
  if (cid === null) return null
  const bytes = new Uint8Array(cid.bytes.length + 1) // leading 0x00: the DAG-CBOR "identity multibase" prefix
  bytes.set(cid.bytes, 1)
  return [new Token(Type.tag, CID_TAG), new Token(Type.bytes, bytes)]
}

function rejectEncode(what: string): () => null {
  return () => {
    throw new CounterfoilError('ERR_MALFORMED', `${what} cannot be encoded as DAG-CBOR`)
  }
}

const encodeOptions = {
  float64: true,
  typeEncoders: {
    Object: cidEncoder,
    undefined: rejectEncode('undefined'),
    Map: rejectEncode('a Map (use a plain object with string keys)'),
    Set: rejectEncode('a Set'),
    Date: rejectEncode('a Date (use integer seconds)'),
    number: (n: unknown) => {
      if (typeof n === 'number' && !Number.isFinite(n)) rejectEncode('NaN or Infinity')()
      return null
    },
  },
}

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
  try {
    return cborgEncode(value, encodeOptions)
  } catch (e) {
    if (e instanceof CounterfoilError) throw e
    throw new CounterfoilError('ERR_MALFORMED', `cannot encode as DAG-CBOR: ${(e as Error).message}`, { cause: e })
  }
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
