import { sha256 } from '#sha256-platform'
import { base32 } from 'multiformats/bases/base32'
import { CID } from 'multiformats/cid'
import { create as createDigest } from 'multiformats/hashes/digest'
import { CounterfoilError } from '../errors.js'
import { bytesEqual } from './bytes.js'

/** Multicodec code of DAG-CBOR. */
export const DAG_CBOR_CODE = 0x71
/** Multihash code of SHA2-256. */
export const SHA2_256_CODE = 0x12

/**
 * The CIDv1 (dag-cbor, sha2-256) of some DAG-CBOR bytes. Synchronous: SHA-256 from node:crypto in
 * Node, @noble/hashes elsewhere.
 *
 * @param bytes - canonical DAG-CBOR bytes
 * @returns the CID
 * @example
 * ```ts
 * cidOf(encodeCbor({ hello: 'world' })).toString() // 'bafyrei…'
 * ```
 */
export function cidOf(bytes: Uint8Array): CID<unknown, 0x71, 0x12, 1> {
  return CID.createV1(DAG_CBOR_CODE, createDigest(SHA2_256_CODE, sha256(bytes)))
}

/**
 * The binary CIDv1 (dag-cbor, sha2-256) of some DAG-CBOR bytes, without building a `CID` object:
 * `0x01 0x71 0x12 0x20 ‖ SHA-256(bytes)` (CIDv1 = version varint, codec varint, multihash; the
 * multihash = code varint 0x12, length varint 0x20, digest).
 *
 * @param bytes - canonical DAG-CBOR bytes
 * @returns the 36 CID bytes, equal to `cidOf(bytes).bytes`
 * @example
 * ```ts
 * cidBytesOf(payloadBytes) // Uint8Array(36) [1, 113, 18, 32, …]
 * ```
 */
export function cidBytesOf(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(36)
  out[0] = 0x01
  out[1] = DAG_CBOR_CODE
  out[2] = SHA2_256_CODE
  out[3] = 32
  out.set(sha256(bytes), 4)
  return out
}

/**
 * Parses a record id strictly: CIDv1, dag-cbor, sha2-256 with a 32-byte digest, as bytes or as the
 * canonical lower-case base32 text (`bafy…`). Anything else is `ERR_MALFORMED`.
 *
 * @param input - a CID object, its bytes or its base32 text
 * @returns the CID
 * @throws {CounterfoilError} `ERR_MALFORMED` for anything that is not such a CID
 * @example
 * ```ts
 * parseRecordId('bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua')
 * ```
 */
export function parseRecordId(input: string | Uint8Array | CID): CID {
  let cid: CID
  try {
    if (typeof input === 'string') {
      cid = CID.parse(input, base32)
      if (cid.toString(base32) !== input) throw new Error('not canonical base32 text')
    } else if (input instanceof Uint8Array) {
      cid = CID.decode(input)
      if (!bytesEqual(cid.bytes, input)) throw new Error('not canonical bytes')
    } else {
      const asCid = CID.asCID(input)
      if (asCid === null) throw new Error('not a CID')
      cid = asCid
    }
  } catch (e) {
    throw new CounterfoilError('ERR_MALFORMED', `invalid record id: ${(e as Error).message}`, { cause: e })
  }
  if (cid.version !== 1 || cid.code !== DAG_CBOR_CODE || cid.multihash.code !== SHA2_256_CODE || cid.multihash.digest.length !== 32) {
    throw new CounterfoilError('ERR_MALFORMED', 'record id must be a CIDv1 with dag-cbor codec and sha2-256 digest')
  }
  return cid
}

/** RFC 4648 §6 lower-case base32 alphabet, as character codes. */
const BASE32_CODES = /* @__PURE__ */ Array.from('abcdefghijklmnopqrstuvwxyz234567', (c) => c.charCodeAt(0))

/**
 * The text form of a binary CIDv1: multibase `b` + lower-case base32 without padding (RFC 4648 §6),
 * the same as `CID#toString()` for a CIDv1, without building a CID object.
 *
 * @param cidBytes - a binary CIDv1 (not checked)
 * @returns `b…` text, e.g. `bafyrei…` for dag-cbor/sha2-256
 * @example
 * ```ts
 * cidText(cidBytesOf(payloadBytes)) === cidOf(payloadBytes).toString() // true
 * ```
 */
export function cidText(cidBytes: Uint8Array): string {
  // Character codes first, one string at the end: `verify` names every record it returns, and
  // growing the text a character at a time cost more than the rest of building the result.
  const codes = new Array<number>(1 + Math.ceil((cidBytes.length * 8) / 5))
  codes[0] = 0x62 // b
  let o = 1
  let buffer = 0
  let bits = 0
  for (let i = 0; i < cidBytes.length; i++) {
    buffer = ((buffer << 8) | cidBytes[i]!) & 0xfff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      codes[o++] = BASE32_CODES[(buffer >> bits) & 31]!
    }
  }
  if (bits > 0) codes[o++] = BASE32_CODES[(buffer << (5 - bits)) & 31]!
  return String.fromCharCode.apply(null, codes)
}
