/**
 * Multibase base64url (`u` prefix): RFC 4648 §5 alphabet, no padding (§3.2), table-driven in both
 * directions, no round trips.
 */
import { fastFromBase64url } from '#base64-platform'
import { CounterfoilError } from '../errors.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Byte → 6-bit value, or −1 outside the RFC 4648 §5 alphabet. */
const VALUES = /* @__PURE__ */ (() => {
  const table = new Int8Array(256).fill(-1)
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i
  return table
})()

/**
 * Multibase base64url (no padding) with the `u` prefix: safe in URLs, QR codes and e-mail.
 *
 * @param bytes - bytes to encode
 * @returns `u…` text
 * @example
 * ```ts
 * toBase64url(new Uint8Array([1, 2, 3])) // 'uAQID'
 * ```
 */
export function toBase64url(bytes: Uint8Array): string {
  const a = ALPHABET
  const parts: string[] = ['u']
  let out = ''
  const whole = bytes.length - (bytes.length % 3)
  let i = 0
  for (; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += a[n >> 18]! + a[(n >> 12) & 63]! + a[(n >> 6) & 63]! + a[n & 63]!
    if (out.length >= 4096) {
      parts.push(out)
      out = ''
    }
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]!
    out += a[n >> 2]! + a[(n & 3) << 4]!
  } else if (rest === 2) {
    const n = (bytes[i]! << 8) | bytes[i + 1]!
    out += a[n >> 10]! + a[(n >> 4) & 63]! + a[(n & 15) << 2]!
  }
  parts.push(out)
  return parts.join('')
}

const textEncoder = /* @__PURE__ */ new TextEncoder()
/** Reused input buffer for {@link fromBase64url} (synchronous, so never shared between calls). */
let scratch = new Uint8Array(1024)
/** Largest scratch buffer kept between calls; longer texts get a buffer of their own. */
const MAX_SCRATCH = 64 * 1024

function malformed(message: string): CounterfoilError {
  return new CounterfoilError('ERR_MALFORMED', message)
}

/**
 * Strictly decodes `u…` multibase base64url text: only the RFC 4648 §5 alphabet, no padding, no
 * whitespace, and the unused low bits of the last character zero (§3.5: the one canonical
 * encoding of its bytes).
 *
 * @param text - `u…` text
 * @returns the bytes
 * @throws {CounterfoilError} `ERR_MALFORMED` for any other text
 * @throws {TypeError} if `text` is not a string
 * @example
 * ```ts
 * fromBase64url('uAQID') // Uint8Array [1, 2, 3]
 * ```
 */
export function fromBase64url(text: string): Uint8Array {
  // The platform's decoder where it has one (#base64-platform: Node's Buffer, the browser's
  // Uint8Array.fromBase64), with the same verdicts; the table decodes everywhere else, and says
  // what is wrong with any text the platform's decoder refuses.
  const fast = typeof text === 'string' && text.charCodeAt(0) === 0x75 ? fastFromBase64url?.(text) : undefined
  return fast ?? fromBase64urlByTable(text)
}

/**
 * @internal {@link fromBase64url} by table alone, without the platform's decoder: what decodes
 * where the platform has none, and what explains a refusal. Exported for the tests, which hold
 * both decoders to the same verdicts.
 *
 * @param text - `u…` text
 * @returns the bytes
 * @throws {CounterfoilError} `ERR_MALFORMED` for any text that is not canonical base64url
 */
export function fromBase64urlByTable(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`"text" expected string, got ${typeof text}`)
  if (text.charCodeAt(0) !== 0x75 /* u */) throw malformed('expected multibase base64url text starting with "u"')
  const chars = text.length - 1
  const tail = chars & 3
  // §3.2 without padding: 4n, 4n + 2 or 4n + 3 characters; a lone sixth of a byte is not base64.
  if (tail === 1) throw malformed('invalid base64url text: wrong length')
  // Reading the characters as bytes through one native encodeInto is cheaper than charCodeAt each;
  // a non-ASCII character makes the UTF-8 longer than the text, which is refused here.
  const need = text.length * 3
  const s = need <= scratch.length ? scratch : need <= MAX_SCRATCH ? (scratch = new Uint8Array(need)) : new Uint8Array(need)
  if (textEncoder.encodeInto(text, s).written !== text.length) throw badCharacter()
  const out = new Uint8Array((chars >> 2) * 3 + (tail === 0 ? 0 : tail - 1))
  const v = VALUES
  let o = 0
  let p = 1
  const whole = 1 + chars - tail
  let bad = 0
  for (; p < whole; p += 4) {
    const a = v[s[p]!]!
    const b = v[s[p + 1]!]!
    const c = v[s[p + 2]!]!
    const d = v[s[p + 3]!]!
    bad |= a | b | c | d // −1 marks a character outside the alphabet
    const n = (a << 18) | (b << 12) | (c << 6) | d
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 0xff
    out[o++] = n & 0xff
  }
  if (tail > 0) {
    let n = 0
    for (let k = 0; k < tail; k++) {
      const x = v[s[p + k]!]!
      bad |= x
      n = (n << 6) | (x & 63)
    }
    if (bad >= 0) {
      // §3.5: the bits below the last whole byte must be zero.
      if (tail === 2) {
        if ((n & 0xf) !== 0) throw malformed('base64url text is not canonical: non-zero unused bits')
        out[o] = n >> 4
      } else {
        if ((n & 0x3) !== 0) throw malformed('base64url text is not canonical: non-zero unused bits')
        out[o] = n >> 10
        out[o + 1] = (n >> 2) & 0xff
      }
    }
  }
  if (bad < 0) throw badCharacter()
  return out
}

function badCharacter(): CounterfoilError {
  return malformed('invalid base64url text: a character outside A–Z a–z 0–9 - _ (no padding, no white space)')
}
