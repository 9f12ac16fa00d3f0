/**
 * Log entries (docs/registry.md §2): small DAG-CBOR maps with no personal data and no subject DID.
 * Every entry is signed over `"counterfoil/v1/statement" 0x00 ‖ DAG-CBOR(entry without "sig")`:
 * - `reg` by the record's issuer revocation key (proof of possession),
 * - `revoke` / `suspend` / `reinstate` by that same key, `withdraw` by the holder key,
 * - `revoke-key` by the issuer identity key being declared compromised,
 * - `succession` by the OLD key, over its own tag `"counterfoil/v1/succession" 0x00 ‖ …` (docs/spec.md
 *   "Succession entries"), so the statement also stands alone outside the log.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import type { CID } from 'multiformats/cid'
import { decodeCbor, encodeCbor, type CborValue } from '../codec/dag-cbor.js'
import { encodePlain } from './cbor.js'
import { DOMAIN, domainSeparated } from '../codec/domain.js'
import { CounterfoilError } from '../errors.js'
import { publicKeyFromDid } from '../keys/did.js'
import { signEd25519, verifyEd25519 } from '../keys/ed25519.js'
import type { Signer } from '../keys/interface.js'
import { checkPublicKey, isWellFormedPublicKey } from '../keys/strict.js'
import type { RevocationKeys } from '../record/payload.js'
import type { EntryKind } from './store/interface.js'

/** Largest log entry accepted, in bytes (they are ~150 bytes in practice). */
export const MAX_ENTRY_BYTES = 1024

/** Reason codes for status changes (after RFC 5280 §5.3.1 CRLReason where they overlap). */
export const REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  superseded: 4,
  cessationOfOperation: 5,
  onHold: 6,
  fraud: 16,
  customerRequest: 17,
  replaced: 18,
  consentWithdrawn: 19,
} as const

/** A named reason or a numeric code 0–255. */
export type Reason = keyof typeof REASONS | number

/** The status-changing kinds. */
export type StatementKind = 'revoke' | 'suspend' | 'reinstate' | 'withdraw'

/** Registers a record's counterfoil. */
export interface RegEntry {
  readonly t: 'reg'
  /** Commitment `SHA-256("counterfoil/v1/commitment" 0x00 ‖ CID)`. */
  readonly c: Uint8Array
  /** The record's revocation keys (`rev` in its payload). */
  readonly rev: RevocationKeys
  /** Registration time, seconds. */
  readonly at: number
  readonly sig: Uint8Array
}

/** Changes the status of a registered record. */
export interface StatusEntry {
  readonly t: StatementKind
  /** Index of the `reg` entry. */
  readonly i: number
  /** Index of the last entry that changed this record (its `reg` index if none): stops replays. */
  readonly prev: number
  readonly at: number
  readonly reason: number
  readonly sig: Uint8Array
}

/** Declares an issuer key compromised from log position `from` on. */
export interface RevokeKeyEntry {
  readonly t: 'revoke-key'
  /** The issuer did:key. */
  readonly key: string
  /** Records registered at or after this index under the key are invalid. */
  readonly from: number
  readonly at: number
  readonly sig: Uint8Array
}

/**
 * Key continuity: the `old` key names `new` as its successor from log position `from` on. A
 * verifier that trusts `old` trusts `new` (docs/spec.md "Succession entries").
 */
export interface SuccessionEntry {
  readonly t: 'succession'
  /** The retiring key's did:key; it signs the entry. */
  readonly old: string
  /** The successor's did:key. */
  readonly new: string
  /** Log position from which `new` speaks for `old` (at most the entry's own index; informative in v1). */
  readonly from: number
  readonly at: number
  readonly sig: Uint8Array
}

/** Any log entry. */
export type LogEntry = RegEntry | StatusEntry | RevokeKeyEntry | SuccessionEntry

/**
 * The commitment the registry stores for a record: it reveals nothing about the record, and the
 * record's random salt makes it unguessable from the content.
 *
 * @param cid - the record id
 * @returns 32 bytes
 * @example
 * ```ts
 * const c = commitmentOf(record.cid)
 * ```
 */
export function commitmentOf(cid: CID): Uint8Array {
  return sha256(domainSeparated(DOMAIN.commitment, cid.bytes))
}

function malformed(message: string): CounterfoilError {
  return new CounterfoilError('ERR_MALFORMED', `log entry: ${message}`)
}

function unsignedFields(entry: LogEntry): Record<string, CborValue> {
  const { sig: _sig, ...fields } = entry
  return fields as unknown as Record<string, CborValue>
}

/** Succession statements have their own domain tag; every other entry signs as a statement. */
function entryTag(t: LogEntry['t']): typeof DOMAIN.statement | typeof DOMAIN.succession {
  return t === 'succession' ? DOMAIN.succession : DOMAIN.statement
}

/** The bytes an entry's `sig` covers. */
export function statementInput(entry: LogEntry): Uint8Array {
  return domainSeparated(entryTag(entry.t), encodeCbor(unsignedFields(entry)))
}

/**
 * Signs entry fields with a raw 32-byte seed (revocation keys) or a {@link Signer} (issuer keys).
 *
 * @param fields - the entry without `sig`
 * @param key - seed or signer
 * @returns the entry's canonical bytes
 */
export async function signEntry<E extends LogEntry>(fields: Omit<E, 'sig'>, key: Uint8Array | Signer): Promise<Uint8Array> {
  const input = domainSeparated(entryTag(fields.t), encodeCbor(fields))
  const sig = key instanceof Uint8Array ? await signEd25519(key, input) : await key.sign(input)
  return encodePlain({ ...fields, sig })
}

function index(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw malformed(`"${name}" must be a non-negative integer`)
  return value
}

function key32(value: unknown, name: string, onCurve = true): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== 32) throw malformed(`"${name}" must be 32 bytes`)
  // The byte checks (canonical, not small order) always; checkPublicKey throws their ERR_INVALID_KEY.
  if (onCurve || !isWellFormedPublicKey(value)) checkPublicKey(value)
  return value
}

function exactKeys(map: Record<string, unknown>, keys: readonly string[]): void {
  const extra = Object.keys(map).filter((k) => !keys.includes(k))
  if (extra.length > 0) throw malformed(`unknown field "${extra[0]}"`)
  const missing = keys.filter((k) => !(k in map) && k !== 'holder')
  if (missing.length > 0) throw malformed(`missing field "${missing[0]}"`)
}

/**
 * Decodes and validates one log entry's bytes (structure only; {@link checkEntrySignature} checks
 * the signature against the right key).
 *
 * @param bytes - canonical DAG-CBOR
 * @returns the entry
 * @throws {CounterfoilError} `ERR_TOO_LARGE`, `ERR_MALFORMED`, `ERR_NON_CANONICAL`
 */
export function decodeEntry(bytes: Uint8Array): LogEntry {
  return decodeEntryChecked(bytes, true)
}

/**
 * {@link decodeEntry} for a caller that checks the entry's signature next (the registry, on
 * submission): a `reg` entry's `rev.issuer` gets the byte checks (canonical, not small order) but
 * not the on-curve check, which costs a field exponentiation (~0.1 ms). A signature that verifies
 * under the key proves the key decodes to a curve point (RFC 8032 §5.1.7 step 1 decodes A and
 * rejects the signature if it cannot), so the caller must refuse the entry unless
 * {@link checkEntrySignature} under `rev.issuer` returns true. `rev.holder` signs nothing here and
 * keeps the full check.
 *
 * @param bytes - canonical DAG-CBOR
 * @returns the entry
 * @throws {CounterfoilError} as {@link decodeEntry}, except an off-curve `rev.issuer`
 * @example
 * ```ts
 * const entry = decodeEntryToVerify(bytes)
 * if (entry.t === 'reg' && !(await checkEntrySignature(entry, entry.rev.issuer))) refuse()
 * ```
 */
export function decodeEntryToVerify(bytes: Uint8Array): LogEntry {
  return decodeEntryChecked(bytes, false)
}

function decodeEntryChecked(bytes: Uint8Array, issuerOnCurve: boolean): LogEntry {
  if (bytes.length > MAX_ENTRY_BYTES) throw new CounterfoilError('ERR_TOO_LARGE', `log entry is ${bytes.length} bytes, more than ${MAX_ENTRY_BYTES}`)
  const value = decodeCbor(bytes, { maxDepth: 4 })
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) throw malformed('must be a map')
  const map = value as Record<string, unknown>
  const sig = map.sig
  if (!(sig instanceof Uint8Array) || sig.length !== 64) throw malformed('"sig" must be 64 bytes')
  const at = index(map.at, 'at')
  switch (map.t) {
    case 'reg': {
      exactKeys(map, ['t', 'c', 'rev', 'at', 'sig'])
      if (!(map.c instanceof Uint8Array) || map.c.length !== 32) throw malformed('"c" must be 32 bytes')
      const rev = map.rev as Record<string, unknown> | null
      if (typeof rev !== 'object' || rev === null || Array.isArray(rev) || rev instanceof Uint8Array) throw malformed('"rev" must be a map')
      exactKeys(rev, ['issuer', 'holder'])
      const issuer = key32(rev.issuer, 'rev.issuer', issuerOnCurve)
      const keys: RevocationKeys = rev.holder === undefined ? { issuer } : { issuer, holder: key32(rev.holder, 'rev.holder') }
      return { t: 'reg', c: map.c, rev: keys, at, sig }
    }
    case 'revoke':
    case 'suspend':
    case 'reinstate':
    case 'withdraw': {
      exactKeys(map, ['t', 'i', 'prev', 'at', 'reason', 'sig'])
      const reason = index(map.reason, 'reason')
      if (reason > 255) throw malformed('"reason" must be 0-255')
      const i = index(map.i, 'i')
      const prev = index(map.prev, 'prev')
      if (prev < i) throw malformed('"prev" cannot precede "i"')
      return { t: map.t, i, prev, at, reason, sig }
    }
    case 'revoke-key': {
      exactKeys(map, ['t', 'key', 'from', 'at', 'sig'])
      if (typeof map.key !== 'string') throw malformed('"key" must be a did:key')
      publicKeyFromDid(map.key)
      return { t: 'revoke-key', key: map.key, from: index(map.from, 'from'), at, sig }
    }
    case 'succession': {
      exactKeys(map, ['t', 'old', 'new', 'from', 'at', 'sig'])
      if (typeof map.old !== 'string' || typeof map.new !== 'string') throw malformed('"old" and "new" must be did:keys')
      publicKeyFromDid(map.old)
      publicKeyFromDid(map.new)
      if (map.old === map.new) throw malformed('a key cannot succeed itself')
      return { t: 'succession', old: map.old, new: map.new, from: index(map.from, 'from'), at, sig }
    }
    default:
      throw malformed(`unknown entry type ${JSON.stringify(map.t ?? null)}`)
  }
}

/**
 * Checks an entry's signature against `publicKey`.
 *
 * @param entry - a decoded entry
 * @param publicKey - the key that must have signed it
 * @param verify - `verifyEd25519` (default) or `verifyEd25519Concurrent` (the thread pool, in Node)
 * @returns true when the signature is valid
 * @example
 * ```ts
 * if (!(await checkEntrySignature(entry, entry.rev.issuer))) throw new Error('forged')
 * ```
 */
export function checkEntrySignature(entry: LogEntry, publicKey: Uint8Array, verify: typeof verifyEd25519 = verifyEd25519): Promise<boolean> {
  return verify(publicKey, statementInput(entry), entry.sig)
}

/** The kind column a store indexes. */
export function entryKind(entry: LogEntry): EntryKind {
  return entry.t
}

/**
 * Resolves a {@link Reason} to its numeric code.
 *
 * @param reason - a name from {@link REASONS} or a number 0–255
 * @returns the code
 * @throws {RangeError} for unknown names or out-of-range numbers
 */
export function reasonCode(reason: Reason | undefined): number {
  if (reason === undefined) return 0
  if (typeof reason === 'number') {
    if (!Number.isSafeInteger(reason) || reason < 0 || reason > 255) throw new RangeError(`"reason" expected 0-255, got ${reason}`)
    return reason
  }
  const code = (REASONS as Record<string, number>)[reason]
  if (code === undefined) throw new RangeError(`"reason" expected one of ${Object.keys(REASONS).join(', ')}, got ${String(reason)}`)
  return code
}
