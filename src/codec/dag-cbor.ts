/**
 * Strict, deterministic DAG-CBOR (https://ipld.io/specs/codecs/dag-cbor/spec/) over cborg.
 * All decoding options live here, in one place. Decoding rejects what the DAG-CBOR spec forbids
 * (undefined, NaN, ±Infinity, indefinite lengths, tags other than 42, non-string map keys,
 * duplicate keys, trailing bytes) and then re-encodes and compares bytes, so anything that is not
 * the one canonical encoding of its value (unsorted keys, non-minimal integers, short floats) is
 * rejected too: two implementations can never disagree about which bytes a value has.
 */
import { decode as cborgDecode, encode as cborgEncode, Token, Tokenizer, Type } from 'cborg'
import type { DecodeTokenizer, TagDecodeControl } from 'cborg/interface'
import { CID } from 'multiformats/cid'
import { CounterfoilError } from '../errors.js'
import { bytesEqual } from './bytes.js'

/** DAG-CBOR tag for CIDs (the only tag the data model allows). */
const CID_TAG = 42

/** Deepest nesting accepted by {@link decodeCbor} unless told otherwise. */
export const DEFAULT_MAX_DEPTH = 64

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

function cidDecoder(decode: TagDecodeControl): CID {
  const bytes = decode()
  if (!(bytes instanceof Uint8Array) || bytes[0] !== 0) {
    throw new Error('CID tag 42 must hold bytes starting with 0x00')
  }
  return CID.decode(bytes.subarray(1))
}

/** Wraps cborg's tokenizer to bound nesting depth without recursion of our own. */
class DepthLimitedTokenizer implements DecodeTokenizer {
  readonly #inner: DecodeTokenizer
  readonly #maxDepth: number
  readonly #open: number[] = [] // items still expected by each open container

  constructor(data: Uint8Array, options: object, maxDepth: number) {
    // Let the inner tokenizer produce indefinite-length tokens so we can tell "valid CBOR in a
    // non-canonical form" (indefinite lengths) apart from "not CBOR" (a stray break byte).
    this.#inner = new Tokenizer(data, { ...options, allowIndefinite: true })
    this.#maxDepth = maxDepth
  }

  done(): boolean {
    return this.#inner.done()
  }

  pos(): number {
    return this.#inner.pos()
  }

  next(): Token {
    const token = this.#inner.next()
    if (token.type === Type.break) throw new StructureError('ERR_MALFORMED', 'unexpected break byte 0xff')
    if (token.value === Infinity) throw new StructureError('ERR_NON_CANONICAL', 'indefinite-length item')
    const open = this.#open
    if (open.length > 0) open[open.length - 1]! -= 1
    const n = typeof token.value === 'number' ? token.value : 0
    if (token.type === Type.array && n > 0) open.push(n)
    else if (token.type === Type.map && n > 0) open.push(2 * n)
    else if (token.type === Type.tag) open.push(1)
    while (open.length > 0 && open[open.length - 1] === 0) open.pop()
    if (open.length > this.#maxDepth) throw new StructureError('ERR_MALFORMED', `nested deeper than ${this.#maxDepth}`)
    return token
  }
}

class StructureError extends Error {
  constructor(readonly code: 'ERR_MALFORMED' | 'ERR_NON_CANONICAL', message: string) {
    super(message)
  }
}

const baseDecodeOptions = {
  allowIndefinite: false,
  allowUndefined: false,
  coerceUndefinedToNull: false,
  allowNaN: false,
  allowInfinity: false,
  allowBigInt: true,
  strict: true,
  useMaps: false,
  rejectDuplicateMapKeys: true,
  tags: Object.assign([] as ((d: TagDecodeControl) => unknown)[], { [CID_TAG]: cidDecoder }),
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
 * Decodes canonical DAG-CBOR strictly and proves it canonical by re-encoding.
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
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  let value: CborValue
  try {
    const opts = { ...baseDecodeOptions }
    value = cborgDecode(bytes, { ...opts, tokenizer: new DepthLimitedTokenizer(bytes, opts, maxDepth) }) as CborValue
  } catch (e) {
    if (e instanceof StructureError) throw new CounterfoilError(e.code, `invalid DAG-CBOR: ${e.message}`)
    const message = (e as Error).message ?? String(e)
    // cborg refuses indefinite-length byte/text strings outright: valid CBOR, never canonical.
    const code = /more bytes than necessary|indefinite length bytes\/strings/.test(message) ? 'ERR_NON_CANONICAL' : 'ERR_MALFORMED'
    throw new CounterfoilError(code, `invalid DAG-CBOR: ${message.replace(/^CBOR decode error: /, '')}`, { cause: e })
  }
  const again = cborgEncode(value, encodeOptions)
  if (!bytesEqual(again, bytes)) {
    throw new CounterfoilError('ERR_NON_CANONICAL', 'DAG-CBOR is not in canonical form (key order, integer or float width)')
  }
  return value
}
