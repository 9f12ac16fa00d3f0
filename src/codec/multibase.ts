import { base64url } from 'multiformats/bases/base64'
import { CounterfoilError } from '../errors.js'

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
  return base64url.encode(bytes)
}

/**
 * Strictly decodes `u…` multibase base64url text: no padding, no whitespace, no stray bits
 * (the text must be the one canonical encoding of its bytes).
 *
 * @param text - `u…` text
 * @returns the bytes
 * @throws {CounterfoilError} `ERR_MALFORMED` for any other text
 * @example
 * ```ts
 * fromBase64url('uAQID') // Uint8Array [1, 2, 3]
 * ```
 */
export function fromBase64url(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`"text" expected string, got ${typeof text}`)
  if (!text.startsWith('u') || !/^u[A-Za-z0-9_-]*$/.test(text)) {
    throw new CounterfoilError('ERR_MALFORMED', 'expected multibase base64url text starting with "u"')
  }
  let bytes: Uint8Array
  try {
    bytes = base64url.decode(text)
  } catch (e) {
    throw new CounterfoilError('ERR_MALFORMED', 'invalid base64url text', { cause: e })
  }
  if (base64url.encode(bytes) !== text) {
    throw new CounterfoilError('ERR_NON_CANONICAL', 'base64url text is not canonical (stray bits)')
  }
  return bytes
}
