/**
 * DAG-CBOR encoding for registry outputs. The codec's encoder may hand back a Node `Buffer` (its
 * byte-array library uses one when it can); registry outputs are plain `Uint8Array`s everywhere,
 * so that callers see one type in every runtime and `slice()` always copies.
 *
 * @module
 */
import { encodeCbor } from '../codec/dag-cbor.js'

/**
 * {@link encodeCbor}, returning a plain `Uint8Array` (copied only when the encoder returned a subclass).
 *
 * @param value - a DAG-CBOR value
 * @returns its canonical bytes
 * @throws {CounterfoilError} `ERR_MALFORMED` if the value cannot be encoded
 * @example
 * ```ts
 * const bytes = encodePlain({ t: 'reg' })
 * Object.getPrototypeOf(bytes) === Uint8Array.prototype // true
 * ```
 */
export function encodePlain(value: unknown): Uint8Array {
  const bytes = encodeCbor(value)
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes)
}
