/**
 * A strict DAG-CBOR decoder that proves canonical form while it parses, in one pass and without
 * re-encoding. It accepts exactly the bytes that the canonical encoder would write for the value it
 * returns, and nothing else:
 *
 * - RFC 8949 §4.2.1 (core deterministic encoding): every head (integer, length, tag) in its
 *   shortest form; no indefinite lengths; map keys sorted by their encoded bytes, which for text
 *   keys is length-first then bytewise; no duplicate keys (§5.6).
 * - DAG-CBOR spec (https://ipld.io/specs/codecs/dag-cbor/spec/, "Strictness"): map keys are text
 *   only; the only tag is 42 (a CID: bytes holding 0x00 then the binary CID); the only simple
 *   values are false, true and null; floats are always 64-bit, never NaN or ±Infinity, and a float
 *   that holds a safe integer would have been written as that integer; exactly one item, no
 *   trailing bytes.
 * - RFC 8949 §3.1/§5.3.1: text strings are valid UTF-8.
 *
 * Error codes match what the previous cborg-plus-re-encode check produced: `ERR_NON_CANONICAL` for
 * valid data in a non-canonical form (a long head or an indefinite length at once; key order, short
 * floats and integral floats once the whole item has parsed, so a malformed byte later on still
 * wins), `ERR_MALFORMED` for everything that is not DAG-CBOR at all.
 *
 * @module
 */
import { CID } from 'multiformats/cid'
import { CounterfoilError } from '../errors.js'
import { bytesEqual, copyBytes } from './bytes.js'
import type { CborValue } from './dag-cbor.js'

/** Deepest nesting accepted by `decodeCbor` unless told otherwise. */
export const DEFAULT_MAX_DEPTH = 64

/** DAG-CBOR tag for CIDs, encoded head `0xd8 0x2a`. */
const CID_TAG = 42

const TWO_32 = 0x1_0000_0000
const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

class Malformed extends Error {}

/** Longest text string (in bytes) {@link Reader.interned} keeps: a did:key is 56. */
const MAX_INTERNED = 64
/**
 * Interned strings by hash slot pair (the size is a power of two), each beside a copy of its UTF-8
 * bytes: comparing bytes with bytes runs about twice as fast as comparing them with a string's
 * character codes.
 */
class InternTable {
  readonly texts: (string | undefined)[]
  readonly bytes: (Uint8Array | undefined)[]

  constructor(size: number) {
    this.texts = new Array<string | undefined>(size).fill(undefined)
    this.bytes = new Array<Uint8Array | undefined>(size).fill(undefined)
  }
}

/** Interned map keys and text values. */
const KEYS = /* @__PURE__ */ new InternTable(256)
const TEXTS = /* @__PURE__ */ new InternTable(1024)

/** Parser state for one call; a class so V8 keeps the fields in fixed slots. */
class Reader {
  pos = 0
  /** First canonical-form violation that does not stop parsing (see module comment). */
  late: string | undefined = undefined

  constructor(readonly bytes: Uint8Array, readonly maxDepth: number, readonly copyBytes: boolean) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Malformed('unexpected end of data')
    return this.bytes[this.pos++]!
  }

  need(n: number): void {
    if (n > this.bytes.length - this.pos) throw new Malformed('unexpected end of data')
  }

  /**
   * The argument of a head with additional information `ai` (RFC 8949 §3), shortest form enforced
   * (§4.2.1). 64-bit arguments above 2^53 − 1 come back as bigint.
   */
  argument(ai: number): number | bigint {
    if (ai < 24) return ai
    const b = this.bytes
    let p = this.pos
    switch (ai) {
      case 24: {
        this.need(1)
        const v = b[p]!
        this.pos = p + 1
        if (v < 24) nonMinimal()
        return v
      }
      case 25: {
        this.need(2)
        const v = (b[p]! << 8) | b[p + 1]!
        this.pos = p + 2
        if (v < 0x100) nonMinimal()
        return v
      }
      case 26: {
        this.need(4)
        const v = b[p]! * 0x100_0000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!)
        this.pos = p + 4
        if (v < 0x1_0000) nonMinimal()
        return v
      }
      case 27: {
        this.need(8)
        const hi = b[p]! * 0x100_0000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!)
        p += 4
        const lo = b[p]! * 0x100_0000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!)
        this.pos = p + 4
        if (hi === 0) nonMinimal()
        if (hi < 0x20_0000) return hi * TWO_32 + lo // < 2^53: exact as a number
        return (BigInt(hi) << 32n) | BigInt(lo)
      }
      default: // 28–30: reserved (RFC 8949 §3); 31 on an integer or tag is not well-formed (§3.2)
        throw new Malformed(`additional information ${ai} is not allowed here`)
    }
  }

  /** A length or count: must fit in the remaining input, at `unit` bytes per element at least. */
  length(ai: number, unit: number): number {
    if (ai === 31) {
      // RFC 8949 §3.2.1–3.2.3: indefinite length. Valid CBOR, never canonical (§4.2.1).
      throw new CounterfoilError('ERR_NON_CANONICAL', 'invalid DAG-CBOR: indefinite-length item')
    }
    const n = this.argument(ai)
    if (typeof n === 'bigint' || n * unit > this.bytes.length - this.pos) throw new Malformed('unexpected end of data')
    return n
  }

  text(n: number): string {
    const b = this.bytes
    const start = this.pos
    const end = start + n
    this.pos = end
    if (n < 13) {
      // Short ASCII (most map keys): a loop beats a TextDecoder call. Not from 13 bytes on: V8 then
      // builds the result as a chain of pieces (a cons string), which every later charCodeAt and
      // property store has to walk; TextDecoder returns a flat string.
      let s = ''
      for (let i = start; i < end; i++) {
        const c = b[i]!
        if (c >= 0x80) return decodeUtf8(b.subarray(start, end))
        s += String.fromCharCode(c)
      }
      return s
    }
    return decodeUtf8(b.subarray(start, end))
  }

  /**
   * A text string of `n` bytes, interned when short: records repeat the same map keys, and many of
   * the same values (issuer DIDs, record types, currencies). An interned string whose bytes match
   * comes back with no allocation, decoded records share it, and V8 stores a property under an
   * already-internalised key without a string-table lookup. Only ASCII is interned, where string
   * length and byte length agree; a colliding string replaces the older one in its slot.
   */
  interned(n: number, table: InternTable): string {
    const b = this.bytes
    const start = this.pos
    // The slot comes from the length and at most nine bytes (the first four, the middle one, the
    // last four): the byte-for-byte comparison below decides, and a did:key's 56 bytes need not be
    // read three times. Strings differing only elsewhere share a slot pair and take turns in it.
    let h = n
    if (n <= 9) {
      for (let i = start; i < start + n; i++) h = (Math.imul(h, 31) + b[i]!) | 0
    } else {
      const end = start + n
      h = (Math.imul(h, 31) + ((b[start]! << 24) | (b[start + 1]! << 16) | (b[start + 2]! << 8) | b[start + 3]!)) | 0
      h = (Math.imul(h, 31) + b[start + (n >> 1)]!) | 0
      h = (Math.imul(h, 31) + ((b[end - 4]! << 24) | (b[end - 3]! << 16) | (b[end - 2]! << 8) | b[end - 1]!)) | 0
    }
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d)
    // Two slots per hash (a two-way set): two strings that share a slot do not evict each other
    // on every record, and the one seen last sits first.
    const slot = (h ^ (h >>> 13)) & (table.texts.length - 2)
    const { texts, bytes } = table
    if (sameBytes(bytes[slot], b, start, n)) {
      this.pos = start + n
      return texts[slot]!
    }
    if (sameBytes(bytes[slot + 1], b, start, n)) {
      this.pos = start + n
      return texts[slot + 1]!
    }
    const text = this.text(n)
    if (text.length === n) {
      texts[slot + 1] = texts[slot]
      bytes[slot + 1] = bytes[slot]
      texts[slot] = text
      bytes[slot] = copyBytes(b, start, start + n)
    }
    return text
  }

  /** One data item at nesting `depth` (the number of non-empty containers around it). */
  item(depth: number): CborValue {
    const initial = this.byte()
    const major = initial >> 5
    const ai = initial & 0x1f
    switch (major) {
      case 0:
        return this.argument(ai)
      case 1: {
        const n = this.argument(ai)
        if (typeof n === 'number') return n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n)
        return -1n - n
      }
      case 2: {
        const n = this.length(ai, 1)
        const start = this.pos
        this.pos = start + n
        return this.copyBytes ? copyBytes(this.bytes, start, start + n) : this.bytes.subarray(start, start + n)
      }
      case 3: {
        const n = this.length(ai, 1)
        return n <= MAX_INTERNED ? this.interned(n, TEXTS) : this.text(n)
      }
      case 4: {
        const n = this.length(ai, 1)
        if (n > 0 && depth >= this.maxDepth) throw new Malformed(`nested deeper than ${this.maxDepth}`)
        const out = new Array<CborValue>(n)
        for (let i = 0; i < n; i++) out[i] = this.item(depth + 1)
        return out
      }
      case 5:
        return this.map(this.length(ai, 2), depth)
      case 6:
        return this.tag(ai, depth)
      default:
        return this.simple(ai)
    }
  }

  map(n: number, depth: number): CborValue {
    if (n > 0 && depth >= this.maxDepth) throw new Malformed(`nested deeper than ${this.maxDepth}`)
    const b = this.bytes
    const out: Record<string, CborValue> = {}
    let prevStart = 0
    let prevLength = -1
    let unsorted = false
    for (let i = 0; i < n; i++) {
      const initial = this.byte()
      if (initial >> 5 !== 3) {
        // Parse the key anyway, so an error inside it (a long head, say) is reported first.
        this.pos--
        this.item(depth + 1)
        throw new Malformed('map keys must be text strings')
      }
      const length = this.length(initial & 0x1f, 1)
      const start = this.pos
      // RFC 8949 §4.2.1: keys sorted bytewise by their encoding; for text keys with shortest heads
      // that is length first, then the UTF-8 bytes.
      let order = length - prevLength
      for (let j = 0; order === 0 && j < length; j++) order = b[start + j]! - b[prevStart + j]!
      const key = length <= MAX_INTERNED ? this.interned(length, KEYS) : this.text(length)
      if (order < 0) unsorted = true
      if (order === 0 || (unsorted && Object.hasOwn(out, key))) throw new Malformed(`duplicate map key ${JSON.stringify(key)}`)
      if (order < 0) this.late ??= 'map keys are not in canonical order (length first, then bytewise)'
      prevStart = start
      prevLength = length
      const value = this.item(depth + 1)
      if (key === '__proto__') Object.defineProperty(out, key, { value, configurable: true, enumerable: true, writable: true })
      else out[key] = value
    }
    return out
  }

  tag(ai: number, depth: number): CborValue {
    const tag = this.argument(ai)
    if (tag !== CID_TAG) throw new Malformed(`tag ${tag} is not allowed (only 42, CID)`)
    if (depth >= this.maxDepth) throw new Malformed(`nested deeper than ${this.maxDepth}`)
    const initial = this.byte()
    if (initial >> 5 !== 2) throw new Malformed('CID tag 42 must hold bytes starting with 0x00')
    const n = this.length(initial & 0x1f, 1)
    const start = this.pos
    this.pos = start + n
    if (n === 0 || this.bytes[start] !== 0) throw new Malformed('CID tag 42 must hold bytes starting with 0x00')
    const raw = this.bytes.subarray(start + 1, start + n)
    let cid: CID
    try {
      cid = CID.decode(raw)
    } catch (e) {
      throw new Malformed(`invalid CID: ${(e as Error).message}`)
    }
    if (!bytesEqual(cid.bytes, raw)) this.late ??= 'CID is not in its canonical binary form'
    return cid
  }

  /** Major type 7: false, true, null and 64-bit floats only (DAG-CBOR "Strictness"). */
  simple(ai: number): CborValue {
    switch (ai) {
      case 20:
        return false
      case 21:
        return true
      case 22:
        return null
      case 23:
        throw new Malformed('undefined is not allowed')
      case 25: // half precision: legal CBOR, never DAG-CBOR's form; NaN/Infinity are refused outright
        this.need(2)
        if ((this.bytes[this.pos]! & 0x7c) === 0x7c) throw new Malformed('NaN and Infinity are not allowed')
        this.pos += 2
        this.late ??= 'floats must be 64-bit'
        return 0
      case 26:
        this.need(4)
        if ((this.bytes[this.pos]! & 0x7f) === 0x7f && (this.bytes[this.pos + 1]! & 0x80) !== 0) {
          throw new Malformed('NaN and Infinity are not allowed')
        }
        this.pos += 4
        this.late ??= 'floats must be 64-bit'
        return 0
      case 27: {
        this.need(8)
        const b = this.bytes
        const view = new DataView(b.buffer, b.byteOffset + this.pos, 8)
        const value = view.getFloat64(0)
        this.pos += 8
        if (!Number.isFinite(value)) throw new Malformed('NaN and Infinity are not allowed')
        // The canonical encoder writes a number that is a safe integer (−0 included) as an integer.
        if (Number.isSafeInteger(value)) this.late ??= 'a float holding an integer must be encoded as that integer'
        return value
      }
      case 31:
        throw new Malformed('unexpected break byte 0xff')
      default:
        throw new Malformed(ai <= 24 ? 'simple values other than false, true and null are not allowed' : `reserved additional information ${ai}`)
    }
  }
}

/**
 * The ASCII text of `n` bytes at `start`, interned like the decoder's short text values, or
 * `undefined` if any byte is not ASCII (the caller then decodes the general way, which checks
 * UTF-8 and says what is wrong).
 *
 * @param bytes - the encoded data
 * @param start - where the text begins
 * @param n - its length in bytes, at most 64
 * @returns the string, or undefined
 */
export function asciiText(bytes: Uint8Array, start: number, n: number): string | undefined {
  for (let i = start; i < start + n; i++) if (bytes[i]! >= 0x80) return undefined
  const reader = new Reader(bytes, 0, false)
  reader.pos = start
  return reader.interned(n, TEXTS)
}

/** Whether `known` holds the `n` bytes at `start`. */
function sameBytes(known: Uint8Array | undefined, b: Uint8Array, start: number, n: number): boolean {
  if (known === undefined || known.length !== n) return false
  for (let i = 0; i < n; i++) if (known[i] !== b[start + i]) return false
  return true
}

function nonMinimal(): never {
  throw new CounterfoilError('ERR_NON_CANONICAL', 'invalid DAG-CBOR: integer or length encoded with more bytes than necessary')
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new Malformed('text string is not valid UTF-8')
  }
}

/**
 * Decodes exactly one canonical DAG-CBOR item, checking canonical form as it parses.
 *
 * @param bytes - the encoded item, nothing after it
 * @param maxDepth - deepest nesting of non-empty arrays, non-empty maps and tags
 * @param copyBytes - true (the default): byte strings are fresh copies; false: they are views into
 *   `bytes`, for callers that own `bytes` and will never change it (saves an allocation per byte
 *   string, which is most of the garbage a record decode makes)
 * @returns the value (integers beyond ±(2^53 − 1) as bigint, CIDs as `CID`)
 * @throws {CounterfoilError} `ERR_MALFORMED` or `ERR_NON_CANONICAL`
 * @example
 * ```ts
 * decodeDagCbor(Uint8Array.of(0xa1, 0x61, 0x61, 0x01), 64) // { a: 1 }
 * ```
 */
export function decodeDagCbor(bytes: Uint8Array, maxDepth: number = DEFAULT_MAX_DEPTH, copyBytes = true): CborValue {
  const reader = new Reader(bytes, maxDepth, copyBytes)
  let value: CborValue
  try {
    value = reader.item(0)
    if (reader.pos !== bytes.length) throw new Malformed(`${bytes.length - reader.pos} trailing bytes after the item`)
  } catch (e) {
    if (e instanceof Malformed) throw new CounterfoilError('ERR_MALFORMED', `invalid DAG-CBOR: ${e.message}`)
    if (e instanceof RangeError) throw new CounterfoilError('ERR_MALFORMED', `invalid DAG-CBOR: nested too deeply`, { cause: e })
    throw e
  }
  if (reader.late !== undefined) throw new CounterfoilError('ERR_NON_CANONICAL', `invalid DAG-CBOR: ${reader.late}`)
  return value
}
