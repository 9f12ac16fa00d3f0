/**
 * The text encodings the C2SP log formats use: standard padded base64 (RFC 4648 §4), lower-case
 * hex and strict UTF-8. Decoders are strict: one spelling per value, so a parsed text re-formats
 * to the same bytes.
 *
 * @module
 */

// Hex and UTF-8 encoding are the codec layer's; this module adds only what the C2SP texts need beyond them.
export { toHex, utf8 } from '../../codec/bytes.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DECODE: Int16Array = /* @__PURE__ */ (() => {
  const t = new Int16Array(128).fill(-1)
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i
  return t
})()
// RFC 4648 §4 with padding; the last quantum's unused bits must be zero (checked separately).
const BASE64_SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * Standard padded base64 (RFC 4648 §4), as C2SP signed notes, checkpoints and proofs use.
 *
 * @param bytes - the data
 * @returns base64 text with `=` padding
 * @throws nothing
 * @example
 * ```ts
 * toBase64(new Uint8Array([1, 2, 3, 4])) // 'AQIDBA=='
 * ```
 */
export function toBase64(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! * 65536) + (bytes[i + 1]! * 256) + bytes[i + 2]!
    out += ALPHABET[Math.floor(n / 262144)]! + ALPHABET[Math.floor(n / 4096) % 64]! +
      ALPHABET[Math.floor(n / 64) % 64]! + ALPHABET[n % 64]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]!
    out += ALPHABET[Math.floor(n / 4)]! + ALPHABET[(n % 4) * 16]! + '=='
  } else if (rest === 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!
    out += ALPHABET[Math.floor(n / 1024)]! + ALPHABET[Math.floor(n / 16) % 64]! + ALPHABET[(n % 16) * 4]! + '='
  }
  return out
}

/**
 * Strict standard padded base64 decoding: rejects the URL alphabet, missing or extra padding,
 * whitespace and non-zero unused bits, so every byte string has exactly one accepted spelling.
 *
 * @param text - base64 text
 * @returns the decoded bytes, or `undefined` when `text` is not canonical padded base64
 * @throws nothing
 * @example
 * ```ts
 * fromBase64('AQIDBA==') // Uint8Array [1, 2, 3, 4]
 * fromBase64('AQIDBB==') // undefined (non-zero unused bits)
 * ```
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!BASE64_SHAPE.test(text)) return undefined
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - pad)
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    const a = DECODE[text.charCodeAt(i)]!
    const b = DECODE[text.charCodeAt(i + 1)]!
    const c = text[i + 2] === '=' ? 0 : DECODE[text.charCodeAt(i + 2)]!
    const d = text[i + 3] === '=' ? 0 : DECODE[text.charCodeAt(i + 3)]!
    const n = a * 262144 + b * 4096 + c * 64 + d
    out[o++] = Math.floor(n / 65536)
    if (o < out.length) out[o++] = Math.floor(n / 256) % 256
    if (o < out.length) out[o++] = n % 256
    else if (i + 4 >= text.length && n % (pad === 2 ? 65536 : 256) !== 0) return undefined
  }
  return out
}

/**
 * Strict lower-case hex decoding.
 *
 * @param text - an even number of characters from `0-9a-f`
 * @returns the bytes, or `undefined` when `text` is not lower-case hex
 * @throws nothing
 * @example
 * ```ts
 * fromHex('c74f20a3') // Uint8Array [0xc7, 0x4f, 0x20, 0xa3]
 * ```
 */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-f]*$/.test(text)) return undefined
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16)
  return out
}

// ignoreBOM: a leading U+FEFF is note text like any other character and must be kept.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Strict UTF-8 decoding that keeps a leading byte-order mark.
 *
 * @param bytes - the data
 * @returns the string, or `undefined` when `bytes` is not valid UTF-8
 * @throws nothing
 * @example
 * ```ts
 * fromUtf8(new Uint8Array([0xff])) // undefined
 * ```
 */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * True when `text` has no lone UTF-16 surrogates, i.e. it has a UTF-8 encoding that decodes back
 * to the same string.
 *
 * @param text - the string
 * @returns whether `text` is well-formed Unicode
 * @throws nothing
 * @example
 * ```ts
 * isWellFormedText('ok') // true
 * isWellFormedText('\ud800') // false
 * ```
 */
export function isWellFormedText(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)
}
