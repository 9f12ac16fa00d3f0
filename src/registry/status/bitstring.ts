/**
 * A W3C Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/ §3.1, §4.1) with
 * `statusSize` 2: entry i is bits 2i and 2i+1, counting from the most significant bit of byte 0;
 * the list is GZIP-compressed and at least 131,072 entries long (§6.1 herd privacy).
 */
import { readStreamCapped } from '../../codec/stream.js'
import { CounterfoilError } from '../../errors.js'

/** Minimum entries in a published list (W3C Bitstring Status List §6.1). */
export const MIN_STATUS_ENTRIES = 131_072
/** Bits per entry. */
export const STATUS_SIZE = 2

/** Bytes needed for `entries` statuses, padded to the W3C minimum and to a whole byte. */
export function statusListBytes(entries: number): number {
  return Math.ceil((Math.max(entries, MIN_STATUS_ENTRIES) * STATUS_SIZE) / 8)
}

/**
 * Sets entry `index` to `value` (0–3) in an uncompressed list.
 *
 * @param list - the bitstring
 * @param index - entry index
 * @param value - 2-bit status
 */
export function setStatus(list: Uint8Array, index: number, value: number): void {
  const byte = Math.floor(index / 4)
  const shift = 6 - (index % 4) * 2 // MSB-first: entry 0 is the top two bits of byte 0
  list[byte] = (list[byte]! & ~(3 << shift)) | ((value & 3) << shift)
}

/**
 * Reads entry `index` from an uncompressed list.
 *
 * @param list - the bitstring
 * @param index - entry index
 * @returns 0–3
 * @throws {RangeError} when `index` is outside the list
 */
export function getStatus(list: Uint8Array, index: number): number {
  const byte = Math.floor(index / 4)
  if (!Number.isSafeInteger(index) || index < 0 || byte >= list.length) throw new RangeError(`status index ${index} is outside the list`)
  return (list[byte]! >> (6 - (index % 4) * 2)) & 3
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter()
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined)
  void writer.close().catch(() => undefined)
  return readStreamCapped(stream.readable, limit, 'inflated status list')
}

/**
 * GZIP-compresses a list (Web Streams `CompressionStream`, in every modern runtime).
 *
 * @param list - the uncompressed bitstring
 * @returns gzip bytes
 */
export function compressStatusList(list: Uint8Array): Promise<Uint8Array> {
  return pipe(list, new CompressionStream('gzip'), Number.MAX_SAFE_INTEGER)
}

/**
 * Inflates a list, refusing to inflate past `maxBytes` (a gzip bomb stops there).
 *
 * @param gzipped - gzip bytes
 * @param maxBytes - largest acceptable result
 * @returns the bitstring
 * @throws {CounterfoilError} `ERR_MALFORMED` for bad gzip, `ERR_TOO_LARGE` past the limit
 */
export async function decompressStatusList(gzipped: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  try {
    return await pipe(gzipped, new DecompressionStream('gzip'), maxBytes)
  } catch (e) {
    if (e instanceof CounterfoilError) throw e
    throw new CounterfoilError('ERR_MALFORMED', 'status list is not valid gzip', { cause: e })
  }
}
