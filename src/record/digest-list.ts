/**
 * The payload's `sd` field (docs/spec.md §11.1), kept apart from the rest of selective disclosure so
 * that decoding a record does not pull in the disclosure code.
 */
import { CounterfoilError } from '../errors.js'

/** Most digests (disclosable claims plus decoys) one record may carry. */
export const MAX_DIGESTS = 1024

/**
 * Byte-wise order of two byte strings.
 *
 * @example
 * ```ts
 * digests.sort(compareBytes)
 * ```
 */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/**
 * Checks the payload's `sd` field: 1–1024 distinct 32-byte digests in ascending byte order
 * (sorted, so their order says nothing about the claims).
 *
 * @param value - the decoded field
 * @returns the digests
 * @throws {CounterfoilError} `ERR_MALFORMED`
 * @example
 * ```ts
 * const sd = parseDigestList(payloadMap.sd)
 * ```
 */
export function parseDigestList(value: unknown): readonly Uint8Array[] {
  const bad = (why: string): CounterfoilError => new CounterfoilError('ERR_MALFORMED', `record payload: "sd" ${why}`)
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_DIGESTS) throw bad(`must be an array of 1 to ${MAX_DIGESTS} digests`)
  const list = value as unknown[]
  list.forEach((d, i) => {
    if (!(d instanceof Uint8Array) || d.length !== 32) throw bad('entries must be 32 bytes')
    if (i > 0 && compareBytes(list[i - 1] as Uint8Array, d) >= 0) throw bad('must be sorted and without duplicates')
  })
  return list as Uint8Array[]
}

