/**
 * Selective disclosure (docs/spec.md §11), after SD-JWT (RFC 9901, "Selective Disclosure for
 * JWTs"): each disclosable claim is taken out of the signed claims and replaced by a digest of a
 * salted disclosure `[salt, path, value]`; the signed payload carries only the sorted digests (`sd`),
 * plus decoys so their number says little. The holder keeps the disclosures and shows the ones it
 * chooses.
 *
 * Two differences from SD-JWT, both deliberate:
 * - the digest input starts with the record's own 32-byte salt, so a disclosure from one record can
 *   never match a digest in another, even one with identical claims (no grafting);
 * - the value is committed in an inner hash, so a holder can reveal the *path* of a withheld claim
 *   (`[path, valueDigest]`) without its value, and the verifier can report authenticated withheld paths.
 */
import { sha256 } from '#sha256-platform'
import { bytesKey } from '../codec/bytes.js'
import { encodeCbor, type CborValue } from '../codec/dag-cbor.js'
import { DOMAIN, domainSeparated } from '../codec/domain.js'
import { CounterfoilError } from '../errors.js'
import { compareBytes, MAX_DIGESTS } from './digest-list.js'
import { asClaimPath, expandPattern, formatClaimPath, isClaimMap, parsePathPattern, type ClaimPath } from './claim-path.js'

/** Bytes of salt drawn for each disclosure (RFC 9901 §9.3 asks for at least 128 bits). */
export const DISCLOSURE_SALT_LENGTH = 16
/** Longest disclosure salt accepted. */
export const MAX_DISCLOSURE_SALT_LENGTH = 64

/** One disclosure: the salt, where the claim sits, and its value. */
export interface Disclosure {
  readonly salt: Uint8Array
  readonly path: ClaimPath
  readonly value: CborValue
}

/** A withheld claim whose path the holder chose to show: its path and the digest of salt and value. */
export interface WithheldClaim {
  readonly path: ClaimPath
  readonly valueDigest: Uint8Array
}

/**
 * `SHA-256("counterfoil/v1/disclosure-value" 0x00 ‖ DAG-CBOR [salt, value])`: hides the value.
 *
 * @param salt - the disclosure's salt
 * @param value - the claim value
 * @returns 32 bytes
 * @example
 * ```ts
 * const inner = valueDigest(disclosure.salt, disclosure.value)
 * ```
 */
export function valueDigest(salt: Uint8Array, value: CborValue): Uint8Array {
  return sha256(domainSeparated(DOMAIN.disclosureValue, encodeCbor([salt, value])))
}

/**
 * `SHA-256("counterfoil/v1/disclosure" 0x00 ‖ DAG-CBOR [recordSalt, path, valueDigest])`: the digest
 * listed in the record's `sd`. The record salt binds it to this record (spec §11.3).
 *
 * @param recordSalt - the record payload's 32-byte salt
 * @param path - the claim's path
 * @param inner - {@link valueDigest} of the disclosure
 * @returns 32 bytes
 * @example
 * ```ts
 * const d = disclosureDigest(record.payload.salt, ['price'], valueDigest(salt, 3990))
 * ```
 */
export function disclosureDigest(recordSalt: Uint8Array, path: ClaimPath, inner: Uint8Array): Uint8Array {
  return sha256(domainSeparated(DOMAIN.disclosure, encodeCbor([recordSalt, path, inner])))
}


function cloneClaims(value: CborValue): CborValue {
  if (Array.isArray(value)) return (value as readonly CborValue[]).map(cloneClaims)
  if (isClaimMap(value)) {
    const out: Record<string, CborValue> = {}
    for (const [k, v] of Object.entries(value)) setOwn(out, k, cloneClaims(v))
    return out
  }
  return value
}

/** `map[key] = value` as an own property even for a key like `__proto__` (a valid DAG-CBOR map key). */
function setOwn(map: Record<string, CborValue>, key: string, value: CborValue): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true })
}

function childOf(value: CborValue, step: string | number): CborValue | undefined {
  if (typeof step === 'number') return Array.isArray(value) ? (value as readonly CborValue[])[step] : undefined
  return isClaimMap(value) && Object.hasOwn(value, step) ? value[step] : undefined
}

function parentOf(claims: CborValue, path: ClaimPath): Record<string, CborValue> | undefined {
  let here: CborValue | undefined = claims
  for (const step of path.slice(0, -1)) {
    here = here === undefined ? undefined : childOf(here, step)
  }
  return here !== undefined && isClaimMap(here) ? (here as Record<string, CborValue>) : undefined
}

/**
 * Default number of decoys: pad the digest count up to the next power of two above it (at least 4).
 *
 * @example
 * ```ts
 * defaultDecoys(3) // 1: 3 disclosures + 1 decoy = 4 digests
 * ```
 */
export function defaultDecoys(count: number): number {
  let total = 4
  while (total <= count) total *= 2
  return total - count
}

/** What {@link redactClaims} returns to `issue`. */
export interface Redaction {
  /** The claims left in the signed payload. */
  readonly claims: CborValue
  /** The sorted digests for the payload's `sd` field. */
  readonly digests: Uint8Array[]
  /** The disclosures, for the holder. */
  readonly disclosures: Disclosure[]
}

/**
 * Takes the claims matched by `patterns` out of `claims` (deepest first, so a disclosable map's
 * disclosure does not contain its own disclosable children) and returns digests and disclosures.
 *
 * @param claims - the record's claims; must be a map
 * @param patterns - disclosable claim paths, e.g. `['price', 'items[].price']`
 * @param recordSalt - the record's 32-byte salt
 * @param decoys - number of decoy digests; default {@link defaultDecoys}
 * @returns the redaction
 * @throws {TypeError | RangeError} for bad patterns, non-map claims, or a plain path matching no claim
 * @example
 * ```ts
 * const { claims, digests, disclosures } = redactClaims({ serial: 'SN-1', price: 3990 }, ['price'], recordSalt)
 * ```
 */
export function redactClaims(claims: unknown, patterns: readonly string[], recordSalt: Uint8Array, decoys?: number): Redaction {
  if (!Array.isArray(patterns) || patterns.length === 0) throw new TypeError('"disclosable" expected a non-empty array of claim paths')
  if (!isClaimMap(claims)) throw new TypeError('"claims" must be a map to have disclosable claims')
  const copy = cloneClaims(claims) as Record<string, CborValue>
  const byText = new Map<string, ClaimPath>()
  for (const text of patterns) {
    const pattern = parsePathPattern(text)
    const found = expandPattern(copy, pattern)
    if (found.length === 0 && !pattern.wildcard) throw new RangeError(`"disclosable" path ${JSON.stringify(text)} matches no claim`)
    for (const path of found) byText.set(JSON.stringify(path), path)
  }
  const paths = [...byText.values()].sort((a, b) => b.length - a.length)
  const decoyCount = decoys ?? defaultDecoys(paths.length)
  if (!Number.isSafeInteger(decoyCount) || decoyCount < 0) throw new RangeError(`"decoys" expected a non-negative integer, got ${decoyCount}`)
  if (paths.length + decoyCount > MAX_DIGESTS) throw new RangeError(`at most ${MAX_DIGESTS} disclosable claims and decoys, got ${paths.length + decoyCount}`)
  if (paths.length === 0) throw new RangeError('"disclosable" matched no claim')
  const disclosures: Disclosure[] = []
  const digests: Uint8Array[] = []
  for (const path of paths) {
    const parent = parentOf(copy, path)!
    const key = path[path.length - 1] as string
    const value = parent[key]!
    delete parent[key]
    const salt = crypto.getRandomValues(new Uint8Array(DISCLOSURE_SALT_LENGTH))
    disclosures.push({ salt, path, value })
    digests.push(disclosureDigest(recordSalt, path, valueDigest(salt, value)))
  }
  // A decoy is 32 random bytes: indistinguishable from a SHA-256 output (RFC 9901 §4.2.5).
  for (let i = 0; i < decoyCount; i++) digests.push(crypto.getRandomValues(new Uint8Array(32)))
  digests.sort(compareBytes)
  return { claims: copy, digests, disclosures: disclosures.sort((a, b) => a.path.length - b.path.length) }
}

/**
 * Checks one disclosure decoded from the wire.
 *
 * @param value - a decoded `[salt, path, value]`
 * @returns the disclosure
 * @throws {CounterfoilError} `ERR_DISCLOSURE_INVALID`
 * @example
 * ```ts
 * const d = parseDisclosure(decodeCbor(bytes)) // { salt, path, value }
 * ```
 */
export function parseDisclosure(value: unknown): Disclosure {
  if (!Array.isArray(value) || value.length !== 3) throw invalid('a disclosure must be [salt, path, value]')
  const [salt, rawPath, claim] = value as [unknown, unknown, CborValue]
  if (!(salt instanceof Uint8Array) || salt.length < DISCLOSURE_SALT_LENGTH || salt.length > MAX_DISCLOSURE_SALT_LENGTH) {
    throw invalid(`a disclosure salt must be ${DISCLOSURE_SALT_LENGTH} to ${MAX_DISCLOSURE_SALT_LENGTH} bytes`)
  }
  const path = asClaimPath(rawPath)
  if (path === undefined) throw invalid('a disclosure path must be 1-32 keys and indices, starting and ending with a key')
  return { salt, path, value: claim }
}

/**
 * Checks one withheld-claim hint decoded from the wire.
 *
 * @param value - a decoded `[path, valueDigest]`
 * @returns the hint
 * @throws {CounterfoilError} `ERR_DISCLOSURE_INVALID`
 * @example
 * ```ts
 * const w = parseWithheld([['price'], valueDigest]) // { path, valueDigest }
 * ```
 */
export function parseWithheld(value: unknown): WithheldClaim {
  if (!Array.isArray(value) || value.length !== 2) throw invalid('a withheld claim must be [path, valueDigest]')
  const path = asClaimPath(value[0])
  if (path === undefined) throw invalid('a withheld claim path must be 1-32 keys and indices, starting and ending with a key')
  const digest: unknown = value[1]
  if (!(digest instanceof Uint8Array) || digest.length !== 32) throw invalid('a withheld value digest must be 32 bytes')
  return { path, valueDigest: digest }
}

function invalid(message: string): CounterfoilError {
  return new CounterfoilError('ERR_DISCLOSURE_INVALID', message)
}

/** What a verifier learns from a record's disclosures. */
export interface DisclosureSummary {
  /** The claims: those signed in the clear plus every valid disclosure put back in place. */
  readonly claims: CborValue
  /** Paths of the disclosed claims, e.g. `items[0].price`. */
  readonly disclosed: readonly string[]
  /** Paths of claims the holder withheld but named (authenticated against the record's digests). */
  readonly withheld: readonly string[]
  /** Digests neither disclosed nor named: unnamed withheld claims and decoys, indistinguishable. */
  readonly undisclosed: number
}

/**
 * Checks disclosures and withheld-claim hints against a record's `sd` digests and puts the
 * disclosed values back into the claims (spec §11.4). Each digest may be used once; a disclosure
 * may not overwrite a claim, and its parent must exist (disclose `address` to disclose
 * `address.city`).
 *
 * @param payload - the record's `claims`, `salt` and `sd`
 * @param disclosures - the disclosures shown
 * @param withheld - withheld-claim hints shown
 * @returns the summary
 * @throws {CounterfoilError} `ERR_DISCLOSURE_NOT_IN_RECORD` when a disclosure matches no digest of
 *   this record (altered, or taken from another record); `ERR_DISCLOSURE_INVALID` otherwise
 * @example
 * ```ts
 * const { claims, withheld } = applyDisclosures(record.payload, shown.disclosures, shown.withheld)
 * ```
 */
export function applyDisclosures(
  payload: { readonly claims: CborValue; readonly salt: Uint8Array; readonly sd?: readonly Uint8Array[] },
  disclosures: readonly Disclosure[],
  withheld: readonly WithheldClaim[] = [],
): DisclosureSummary {
  const sd = payload.sd ?? []
  if (sd.length === 0 && (disclosures.length > 0 || withheld.length > 0)) {
    throw new CounterfoilError('ERR_DISCLOSURE_NOT_IN_RECORD', 'the record has no disclosable claims, yet disclosures were shown')
  }
  const unused = new Set(sd.map(bytesKey))
  const claim = (digest: Uint8Array, path: ClaimPath, what: string): void => {
    const key = bytesKey(digest)
    if (!unused.has(key)) {
      throw new CounterfoilError('ERR_DISCLOSURE_NOT_IN_RECORD',
        `${what} for ${formatClaimPath(path)} matches no digest of this record: altered, repeated, or from another record`)
    }
    unused.delete(key)
  }
  const claims = cloneClaims(payload.claims)
  const ordered = [...disclosures].sort((a, b) => a.path.length - b.path.length)
  for (const d of ordered) {
    claim(disclosureDigest(payload.salt, d.path, valueDigest(d.salt, d.value)), d.path, 'the disclosure')
    const parent = parentOf(claims, d.path)
    const key = d.path[d.path.length - 1] as string
    if (parent === undefined) throw invalid(`the disclosure for ${formatClaimPath(d.path)} has no place in the claims (disclose its parent too)`)
    if (Object.hasOwn(parent, key)) throw invalid(`the disclosure for ${formatClaimPath(d.path)} would overwrite a claim`)
    setOwn(parent, key, cloneClaims(d.value)) // a copy: later, deeper disclosures go into it, never into d
  }
  for (const w of withheld) claim(disclosureDigest(payload.salt, w.path, w.valueDigest), w.path, 'the withheld claim')
  return {
    claims,
    disclosed: ordered.map((d) => formatClaimPath(d.path)),
    withheld: withheld.map((w) => formatClaimPath(w.path)),
    undisclosed: unused.size,
  }
}
