const utf8Encoder = new TextEncoder()
const utf8Decoder = new TextDecoder('utf-8', { fatal: true })

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const part of parts) length += part.length
  const out = new Uint8Array(length)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/**
 * A private copy of `bytes` (or of `bytes[start..end)`), always a plain `Uint8Array` that shares
 * no memory with the input. Not `bytes.slice()`: Node's buffer subclass returns a view of the
 * caller's memory from `slice`, so a caller that reuses or wipes its buffer would change what was kept.
 *
 * @example
 * ```ts
 * const seed = new Uint8Array(32).fill(7) // or a Node buffer read from a file
 * const own = copyBytes(seed)
 * seed.fill(0) // own is unchanged
 * ```
 */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array<ArrayBuffer> {
  return new Uint8Array(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end))
}

/**
 * Bytes as a Map or Set key: one UTF-16 unit per byte (cheaper than hex; never shown to anyone).
 *
 * @example
 * ```ts
 * new Set([bytesKey(digest)]).has(bytesKey(digest.slice())) // true
 * ```
 */
export function bytesKey(bytes: Uint8Array): string {
  return String.fromCharCode.apply(null, bytes as unknown as number[])
}

/** Byte-wise equality (not constant time; use only on public data). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** UTF-8 encoding of a string. */
export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text)
}

/** Strict UTF-8 decoding: throws `TypeError` on invalid sequences. */
export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes)
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}

/** Throws `TypeError` unless `value` is a Uint8Array, optionally of an exact length. */
export function assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`"${name}" expected Uint8Array, got ${value === null ? 'null' : typeof value}`)
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`"${name}" expected Uint8Array of length ${length}, got length=${value.length}`)
  }
}
