/**
 * Base64url decoding through Node's native decoder, made strict. What `#base64-platform` resolves
 * to in Node; `src/codec/base64-web.ts` everywhere else. A record's text is decoded on every
 * `verify`, and the native decoder with a re-encode check costs about half of the table-driven one
 * in `src/codec/multibase.ts`.
 *
 * @module
 */

/**
 * Decodes the characters after the `u` of multibase base64url text, or says they are not canonical.
 *
 * Node's decoder is lenient (it skips characters outside the alphabet, accepts `+`, `/` and
 * padding, and ignores non-zero unused bits), so it is only trusted together with the re-encode
 * check: the text is accepted exactly when it is what encoding its bytes gives back. That is the
 * definition of the one canonical unpadded encoding (RFC 4648 §3.2, §3.5, §5), so this accepts the
 * same texts as the strict decoder, which runs whenever this returns `undefined` and says why.
 *
 * The bytes land in a fresh ArrayBuffer of their own, never Node's shared Buffer pool: a record's
 * `bytes.buffer` must not expose anything else.
 *
 * @param text - `u…` text (the prefix is checked by the caller and skipped here)
 * @returns the bytes, or `undefined` when the text is not canonical base64url
 * @example
 * ```ts
 * fastFromBase64url('uAQID') // Uint8Array [1, 2, 3]
 * fastFromBase64url('uAQI=') // undefined (padding)
 * ```
 */
export function fastFromBase64url(text: string): Uint8Array | undefined {
  const chars = text.length - 1
  const tail = chars & 3
  if (tail === 1) return undefined
  const length = (chars >> 2) * 3 + (tail === 0 ? 0 : tail - 1)
  const out = new Uint8Array(length)
  const view = Buffer.from(out.buffer, 0, length)
  const body = text.slice(1)
  if (view.write(body, 0, length, 'base64url') !== length) return undefined
  return view.toString('base64url') === body ? out : undefined
}
