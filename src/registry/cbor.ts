/**
 * DAG-CBOR encoding for registry outputs, which are plain `Uint8Array`s everywhere, so that callers
 * see one type in every runtime and `slice()` always copies. Our encoder returns one today (it
 * used to be cborg, which may hand back a Node `Buffer`); this keeps it a guarantee of the registry.
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
