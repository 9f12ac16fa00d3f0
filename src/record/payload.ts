/**
 * The record payload (docs/spec.md §2): what the issuer asserts about the subject. Field checks
 * live here so that `issue` and `decodeRecord` apply exactly the same rules.
 */
import type { CborValue } from '../codec/dag-cbor.js'
import { CounterfoilError } from '../errors.js'
import { sharedPublicKeyFromDid } from '../keys/did.js'
import { checkPublicKey } from '../keys/strict.js'
import { parseDigestList } from './digest-list.js'

/** Wire-format version this library writes and reads. */
export const RECORD_VERSION = 1

/** Length of the random salt that makes a record's hash unguessable from its content. */
export const SALT_LENGTH = 32

/**
 * Per-record revocation public keys (docs/spec.md §2.2). The registry accepts status changes for
 * the record only when signed by one of them.
 */
export interface RevocationKeys {
  /** Derived by the issuer from its key and the record's salt: revoke, suspend, reinstate. */
  readonly issuer: Uint8Array
  /** Optional key the holder chose at issuance: withdraw (e.g. a consent) without the issuer. */
  readonly holder?: Uint8Array
}

/** The fields of a record, as signed. Times are integer seconds since the Unix epoch. */
export interface RecordPayload {
  /** Wire-format version, always 1. */
  readonly v: 1
  /** What kind of record this is: `purchase`, `warranty`, `consent`, `com.example.tier`… */
  readonly type: string
  /** The issuer's did:key. */
  readonly iss: string
  /** The subject's (customer's) did:key; equal to `iss` for a self-asserted record. */
  readonly sub: string
  /** Issued at. */
  readonly iat: number
  /** Not valid before. */
  readonly nbf?: number
  /** Expires at (not valid at or after this second). */
  readonly exp?: number
  /** What the record says: any DAG-CBOR value. */
  readonly claims: CborValue
  /** 32 random bytes. */
  readonly salt: Uint8Array
  /** Origin of the registry holding this record's counterfoil, e.g. `https://registry.example`. */
  readonly reg?: string
  /** Revocation keys, present on records meant to be registered. */
  readonly rev?: RevocationKeys
  /** Sorted digests of disclosable claims and decoys (selective disclosure, docs/spec.md §11). */
  readonly sd?: readonly Uint8Array[]
}

const KNOWN_FIELDS = new Set(['v', 'type', 'iss', 'sub', 'iat', 'nbf', 'exp', 'claims', 'salt', 'reg', 'rev', 'sd'])
const TYPE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/

/** The last type that passed {@link TYPE_PATTERN}: records come in runs of one type. */
let lastRecordType = ''

function isRecordType(type: unknown): type is string {
  if (type === lastRecordType && type !== '') return true
  if (typeof type !== 'string' || !TYPE_PATTERN.test(type)) return false
  lastRecordType = type
  return true
}

function malformed(message: string): CounterfoilError {
  return new CounterfoilError('ERR_MALFORMED', `record payload: ${message}`)
}

function isPlainMap(value: unknown): value is Record<string, CborValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) &&
    Object.getPrototypeOf(value) === Object.prototype
}

/** Last second of the year 9999: later times cannot be shown as dates anywhere, so they are refused. */
export const MAX_TIME = 253_402_300_799

function time(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_TIME) {
    throw malformed(`"${name}" must be integer seconds from 0 to ${MAX_TIME} (year 9999)`)
  }
  return value
}

function did(value: unknown, name: string): string {
  if (typeof value !== 'string') throw malformed(`"${name}" must be a did:key string`)
  sharedPublicKeyFromDid(value) // throws ERR_INVALID_DID
  return value
}

/**
 * Checks that `reg` is a bare http(s) origin (`https://host[:port]`; `http:` is accepted for
 * development registries — the origin is informational, trust comes from the registry key).
 *
 * @param value - candidate registry origin
 * @returns the same string
 * @throws {CounterfoilError} `ERR_MALFORMED` otherwise
 */
export function checkRegistryOrigin(value: unknown): string {
  if (typeof value !== 'string') throw malformed('"reg" must be a URL origin string')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw malformed(`"reg" is not a URL: ${JSON.stringify(value)}`)
  }
  if (url.origin !== value || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw malformed(`"reg" must be a bare http(s) origin like https://registry.example, got ${JSON.stringify(value)}`)
  }
  return value
}

function revocationKeys(value: unknown): RevocationKeys {
  if (!isPlainMap(value)) throw malformed('"rev" must be a map')
  for (const key of Object.keys(value)) {
    if (key !== 'issuer' && key !== 'holder') throw malformed(`"rev" has unknown field "${key}"`)
  }
  const check = (k: unknown, name: string): Uint8Array => {
    if (!(k instanceof Uint8Array) || k.length !== 32) throw malformed(`"rev.${name}" must be 32 bytes`)
    checkPublicKey(k)
    return k
  }
  const issuer = check(value.issuer, 'issuer')
  return value.holder === undefined ? { issuer } : { issuer, holder: check(value.holder, 'holder') }
}

/**
 * Validates a decoded payload map field by field (docs/spec.md §2.1) and returns it typed.
 * Unknown fields are rejected: a v1 verifier must understand everything it vouches for.
 *
 * @param value - a decoded DAG-CBOR value
 * @returns the payload
 * @throws {CounterfoilError} `ERR_UNSUPPORTED_VERSION`, `ERR_MALFORMED` or `ERR_INVALID_DID`
 * @example
 * ```ts
 * const payload = parsePayload(decodeCbor(bytes))
 * ```
 */
export function parsePayload(value: unknown): RecordPayload {
  if (!isPlainMap(value)) throw malformed('must be a map')
  if (value.v !== RECORD_VERSION) {
    throw new CounterfoilError('ERR_UNSUPPORTED_VERSION', `record version ${JSON.stringify(value.v ?? null)} is not supported (expected ${RECORD_VERSION})`)
  }
  // for…in rather than Object.keys: no array per payload (inherited keys are not fields).
  for (const key in value) {
    if (!KNOWN_FIELDS.has(key) && Object.hasOwn(value, key)) throw malformed(`unknown field "${key}"`)
  }
  if (!isRecordType(value.type)) {
    throw malformed('"type" must be 1-128 characters of [A-Za-z0-9._:/-] starting with a letter or digit')
  }
  const payload: { -readonly [K in keyof RecordPayload]: RecordPayload[K] } = {
    v: RECORD_VERSION,
    type: value.type,
    iss: did(value.iss, 'iss'),
    sub: did(value.sub, 'sub'),
    iat: time(value.iat, 'iat'),
    claims: value.claims ?? null,
    salt: value.salt as Uint8Array,
  }
  if (!('claims' in value)) throw malformed('"claims" is required')
  if (!(value.salt instanceof Uint8Array) || value.salt.length !== SALT_LENGTH) {
    throw malformed(`"salt" must be ${SALT_LENGTH} bytes`)
  }
  if (value.nbf !== undefined) payload.nbf = time(value.nbf, 'nbf')
  if (value.exp !== undefined) payload.exp = time(value.exp, 'exp')
  if (payload.exp !== undefined && payload.exp <= Math.max(payload.iat, payload.nbf ?? 0)) {
    throw malformed('"exp" must be later than both "iat" and "nbf"')
  }
  if (value.reg !== undefined) payload.reg = checkRegistryOrigin(value.reg)
  if (value.rev !== undefined) payload.rev = revocationKeys(value.rev)
  if (value.sd !== undefined) {
    if (!isPlainMap(payload.claims)) throw malformed('"claims" must be a map when "sd" is present')
    payload.sd = parseDigestList(value.sd)
  }
  return payload
}
