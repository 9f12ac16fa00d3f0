/**
 * Tells a disclosed record (docs/spec.md §11.5) from a plain envelope by its first bytes, without
 * loading the disclosure code — `verify` imports that only when it is needed.
 */

/** `a2`/`a3` (a map of 2 or 3 entries), then text(6) "record": how every disclosed record starts. */
const MARKER = [0x66, 0x72, 0x65, 0x63, 0x6f, 0x72, 0x64]
/** The same six first bytes in the text form: `u` ‖ base64url(a2 66 72 65 63 6f) / (a3 …). */
export const DISCLOSED_TEXT_PREFIXES = ['uomZyZWNv', 'uo2ZyZWNv'] as const

/**
 * True when bytes or text start the way a disclosed record does (an envelope starts with the key
 * "payload"; spec §3.4). Decoding decides whether it really is one.
 *
 * @param input - bytes or `u…` text
 * @returns whether to decode it as a disclosed record
 * @example
 * ```ts
 * looksDisclosed(shown.toString()) // true
 * looksDisclosed(record.toString()) // false
 * ```
 */
export function looksDisclosed(input: Uint8Array | string): boolean {
  if (typeof input === 'string') {
    const text = input.trimStart()
    return DISCLOSED_TEXT_PREFIXES.some((p) => text.startsWith(p))
  }
  return input.length > 8 && (input[0] === 0xa2 || input[0] === 0xa3) && MARKER.every((b, i) => input[i + 1] === b)
}
