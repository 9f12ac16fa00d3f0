/**
 * The canonical DAG-CBOR encoder: the one byte string {@link decodeDagCbor} accepts for a value.
 *
 * - RFC 8949 §4.2.1 (core deterministic encoding): shortest heads, definite lengths, map keys sorted
 *   by their encoded bytes (for text keys: length first, then bytewise).
 * - DAG-CBOR spec (https://ipld.io/specs/codecs/dag-cbor/spec/, "Strictness"): text keys only;
 *   numbers that are safe integers as integers, every other number as a 64-bit float; no NaN,
 *   ±Infinity or undefined; CIDs as tag 42 over 0x00 ‖ binary CID.
 *
 * @module
 */
import { CID } from 'multiformats/cid'
import { CounterfoilError } from '../errors.js'

const textEncoder = /* @__PURE__ */ new TextEncoder()
const UINT64_LIMIT = 1n << 64n

/** A growable output buffer. */
class Writer {
  buf = new Uint8Array(256)
  pos = 0

  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.pos + n) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buf.subarray(0, this.pos))
    this.buf = next
  }

  /** RFC 8949 §3: a head with major type `major` and argument `n` (0 ≤ n < 2^53), shortest form. */
  head(major: number, n: number): void {
    this.reserve(9)
    const b = this.buf
    const m = major << 5
    let p = this.pos
    if (n < 24) {
      b[p++] = m | n
    } else if (n < 0x100) {
      b[p++] = m | 24
      b[p++] = n
    } else if (n < 0x1_0000) {
      b[p++] = m | 25
      b[p++] = n >> 8
      b[p++] = n & 0xff
    } else if (n < 0x1_0000_0000) {
      b[p++] = m | 26
      b[p++] = n >>> 24
      b[p++] = (n >> 16) & 0xff
      b[p++] = (n >> 8) & 0xff
      b[p++] = n & 0xff
    } else {
      const hi = Math.floor(n / 0x1_0000_0000)
      const lo = n >>> 0
      b[p++] = m | 27
      b[p++] = hi >>> 24
      b[p++] = (hi >> 16) & 0xff
      b[p++] = (hi >> 8) & 0xff
      b[p++] = hi & 0xff
      b[p++] = lo >>> 24
      b[p++] = (lo >> 16) & 0xff
      b[p++] = (lo >> 8) & 0xff
      b[p++] = lo & 0xff
    }
    this.pos = p
  }

  /** A head whose argument is a bigint below 2^64. */
  bigHead(major: number, n: bigint): void {
    if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return this.head(major, Number(n))
    this.reserve(9)
    this.buf[this.pos++] = (major << 5) | 27
    for (let shift = 56n; shift >= 0n; shift -= 8n) this.buf[this.pos++] = Number((n >> shift) & 0xffn)
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length)
    this.buf.set(bytes, this.pos)
    this.pos += bytes.length
  }

  byte(b: number): void {
    this.reserve(1)
    this.buf[this.pos++] = b
  }
}

function refuse(what: string): never {
  throw new CounterfoilError('ERR_MALFORMED', `${what} cannot be encoded as DAG-CBOR`)
}

function typeName(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1)
}

/** Length-first, then bytewise (RFC 8949 §4.2.1 for text keys with shortest heads). */
function compareKeys(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length - b.length
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

function writeNumber(w: Writer, n: number): void {
  if (Number.isSafeInteger(n)) {
    if (n >= 0) w.head(0, n)
    else w.head(1, -1 - n)
    return
  }
  if (!Number.isFinite(n)) refuse('NaN or Infinity')
  w.reserve(9)
  w.buf[w.pos] = 0xfb
  new DataView(w.buf.buffer, w.buf.byteOffset + w.pos + 1, 8).setFloat64(0, n)
  w.pos += 9
}

function writeBigInt(w: Writer, n: bigint): void {
  if (n >= 0n) {
    if (n >= UINT64_LIMIT) refuse('an integer above 2^64 − 1')
    w.bigHead(0, n)
  } else {
    const m = -1n - n
    if (m >= UINT64_LIMIT) refuse('an integer below −2^64')
    w.bigHead(1, m)
  }
}

/** Strings up to this length are checked for ASCII and, if so, written a byte per character. */
const SHORT_TEXT = 64

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false
  return true
}

function writeText(w: Writer, s: string): void {
  const n = s.length
  // Most keys and many values are short ASCII: a byte per character, no TextEncoder allocation
  // (which was a tenth of `issue`). Anything else is UTF-8 encoded by the platform.
  if (n <= SHORT_TEXT && isAscii(s)) {
    w.head(3, n)
    w.reserve(n)
    const b = w.buf
    let p = w.pos
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i)
    w.pos = p
    return
  }
  const bytes = textEncoder.encode(s)
  w.head(3, bytes.length)
  w.raw(bytes)
}

/** Length-first, then bytewise, for ASCII keys: their UTF-16 code units are their bytes. */
function compareAsciiKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}

function writeMap(w: Writer, obj: object): void {
  const keys = Object.keys(obj)
  if (keys.every(isAscii)) {
    keys.sort(compareAsciiKeys)
    w.head(5, keys.length)
    for (const key of keys) {
      writeText(w, key)
      write(w, (obj as Record<string, unknown>)[key])
    }
    return
  }
  const entries = keys.map((k) => ({ key: k, bytes: textEncoder.encode(k) }))
  entries.sort((a, b) => compareKeys(a.bytes, b.bytes))
  w.head(5, entries.length)
  for (const { key, bytes } of entries) {
    w.head(3, bytes.length)
    w.raw(bytes)
    write(w, (obj as Record<string, unknown>)[key])
  }
}

function write(w: Writer, value: unknown): void {
  switch (typeof value) {
    case 'number':
      return writeNumber(w, value)
    case 'string':
      return writeText(w, value)
    case 'boolean':
      return w.byte(value ? 0xf5 : 0xf4)
    case 'bigint':
      return writeBigInt(w, value)
    case 'undefined':
      return refuse('undefined')
    case 'object':
      break
    default:
      return refuse(`a ${typeof value}`)
  }
  if (value === null) return w.byte(0xf6)
  if (value instanceof Uint8Array) {
    w.head(2, value.length)
    return w.raw(value)
  }
  if (Array.isArray(value)) {
    w.head(4, value.length)
    for (const item of value) write(w, item)
    return
  }
  const cid = CID.asCID(value)
  if (cid !== null) {
    // DAG-CBOR: tag 42 over the binary CID with a leading 0x00 (the "identity multibase" prefix).
    w.head(6, 42)
    w.head(2, cid.bytes.length + 1)
    w.byte(0)
    return w.raw(cid.bytes)
  }
  if (ArrayBuffer.isView(value)) {
    const view = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    w.head(2, view.length)
    return w.raw(view)
  }
  const type = typeName(value)
  switch (type) {
    case 'Object':
      return writeMap(w, value)
    case 'ArrayBuffer':
    case 'SharedArrayBuffer': {
      const view = new Uint8Array(value as ArrayBufferLike)
      w.head(2, view.length)
      return w.raw(view)
    }
    case 'Map':
      return refuse('a Map (use a plain object with string keys)')
    case 'Set':
      return refuse('a Set')
    case 'Date':
      return refuse('a Date (use integer seconds)')
    default:
      return refuse(`a ${type}`)
  }
}

/**
 * Encodes a value as canonical DAG-CBOR.
 *
 * @param value - any IPLD data-model value
 * @returns the canonical bytes (a fresh, exactly sized Uint8Array)
 * @throws {CounterfoilError} `ERR_MALFORMED` for undefined, NaN, ±Infinity, integers outside
 *   [−2^64, 2^64 − 1], Map, Set, Date, functions, symbols and other non-data objects, and for
 *   circular or absurdly deep structures
 * @example
 * ```ts
 * encodeDagCbor({ b: 1, a: [true, null] }) // a2 61 61 82 f5 f6 61 62 01
 * ```
 */
export function encodeDagCbor(value: unknown): Uint8Array {
  // One writer serves every call (the result is a copy): a disclosure check encodes a few small
  // values per claim, and a fresh 256-byte buffer each time was measurable. A getter on the value
  // that encodes something itself finds the writer busy and gets its own.
  const w = spare ?? new Writer()
  spare = undefined
  w.pos = 0
  try {
    write(w, value)
    return w.buf.slice(0, w.pos)
  } catch (e) {
    if (e instanceof RangeError) throw new CounterfoilError('ERR_MALFORMED', 'cannot encode as DAG-CBOR: circular or too deeply nested', { cause: e })
    throw e
  } finally {
    if (w.buf.length <= SPARE_MAX) spare = w
  }
}

/** The writer the next {@link encodeDagCbor} call may use; `undefined` while a call holds it. */
let spare: Writer | undefined = /* @__PURE__ */ new Writer()
/** Largest buffer kept between calls: one huge value should not pin its buffer for good. */
const SPARE_MAX = 64 * 1024
