/**
 * Status answers, three ways (docs/registry.md §4): an online status note (short-lived, signed,
 * stapleable), a k-anonymous bucket (every registration sharing a commitment prefix, padded), and
 * an offline snapshot (a W3C-compatible 2-bit status list of the whole log). All three decode to
 * the same {@link RecordStatus} so `verify` treats them alike.
 */
import { decodeCbor, encodeCbor, type CborValue } from '../../codec/dag-cbor.js'
import { bytesEqual } from '../../codec/bytes.js'
import { DOMAIN } from '../../codec/domain.js'
import { CounterfoilError } from '../../errors.js'
import type { Signer } from '../../keys/interface.js'
import type { KeyRevocationRow, StatusRow } from '../store/interface.js'
import { compressStatusList, decompressStatusList, getStatus, setStatus, statusListBytes } from './bitstring.js'
import { openArtefact, signArtefact } from './signed.js'

/** Status of a record as a word. */
export type StatusState = 'valid' | 'suspended' | 'revoked' | 'withdrawn' | 'unregistered'

const STATES: readonly StatusState[] = ['valid', 'suspended', 'revoked', 'withdrawn']

/** Where a status answer came from. */
export type StatusSourceKind = 'online' | 'staple' | 'bucket' | 'snapshot'

/** One record's status, whatever the source. Times are seconds. */
export interface RecordStatus {
  readonly source: StatusSourceKind
  /** The registry key that signed the answer. */
  readonly registry: string
  /** Index of the `reg` entry, if registered. */
  readonly index?: number
  /** Index of the last entry that changed the record: the `prev` of the next statement. */
  readonly head?: number
  /** The record's issuer revocation key as registered. */
  readonly revocationKey?: Uint8Array
  readonly state: StatusState
  /** Reason code of the last change. */
  readonly reason: number
  /** When the current state began. */
  readonly since: number
  /** Log size the answer reflects. */
  readonly logSize: number
  /** When the answer was made, and until when it may be relied on. */
  readonly issuedAt: number
  readonly expiresAt: number
  /** Issuer keys revoked, with the log index they are revoked from. */
  readonly revokedKeys: readonly { readonly did: string; readonly from: number }[]
}

interface Common {
  readonly size: number
  readonly at: number
  readonly exp: number
}

function fail(what: string): CounterfoilError {
  return new CounterfoilError('ERR_MALFORMED', `status answer: ${what}`)
}

function asMap(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) throw fail(`${what} must be a map`)
  return value as Record<string, unknown>
}

function uint(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw fail(`${what} must be a non-negative integer`)
  return value
}

function keysOf(value: unknown): { did: string; from: number }[] {
  if (!Array.isArray(value)) throw fail('"keys" must be an array')
  return value.map((k) => {
    const m = asMap(k, 'key revocation')
    if (typeof m.did !== 'string') throw fail('key revocation "did" must be a string')
    return { did: m.did, from: uint(m.from, 'key revocation "from"') }
  })
}

function common(m: Record<string, unknown>): Common {
  if (m.v !== 1) throw fail('unsupported version')
  const c = { size: uint(m.size, '"size"'), at: uint(m.at, '"at"'), exp: uint(m.exp, '"exp"') }
  if (c.exp <= c.at) throw fail('"exp" must be after "at"')
  return c
}

const keysCbor = (keys: readonly KeyRevocationRow[]): CborValue => keys.map((k) => ({ did: k.did, from: k.from }))

// ---- online status note ------------------------------------------------------------------------

/** What the registry knows about one registration, for a status note. */
export interface NoteFacts {
  readonly commitment: Uint8Array
  readonly status?: StatusRow
  readonly revocationKey?: Uint8Array
  readonly keys: readonly KeyRevocationRow[]
  readonly size: number
  readonly at: number
  readonly ttl: number
}

/**
 * Signs an online status note for one registration (or for "not registered").
 *
 * @param facts - what the registry knows
 * @param signer - the registry key
 * @returns the note's bytes; a holder may staple them to a presentation
 */
export function signStatusNote(facts: NoteFacts, signer: Signer): Promise<Uint8Array> {
  const s = facts.status
  const body = encodeCbor({
    v: 1, c: facts.commitment, i: s?.index ?? null, head: s?.head ?? null, state: s?.state ?? null, reason: s?.reason ?? 0, since: s?.since ?? 0,
    rev: facts.revocationKey ?? null, keys: keysCbor(facts.keys), size: facts.size, at: facts.at, exp: facts.at + facts.ttl,
  })
  return signArtefact(DOMAIN.status, body, signer)
}

/**
 * Opens a status note signed by one of `trusted`.
 *
 * @param bytes - the note
 * @param trusted - trusted registry DIDs
 * @param source - `online` or `staple`
 * @returns the status and the commitment it is about
 * @throws {CounterfoilError} `ERR_MALFORMED`, `ERR_UNTRUSTED_ISSUER`, `ERR_SIGNATURE_INVALID`
 */
export async function openStatusNote(bytes: Uint8Array, trusted: readonly string[], source: 'online' | 'staple' = 'online'): Promise<{ commitment: Uint8Array; status: RecordStatus }> {
  const { body, signer } = await openArtefact(DOMAIN.status, bytes, trusted)
  const m = asMap(decodeCbor(body), 'note')
  const c = common(m)
  if (!(m.c instanceof Uint8Array) || m.c.length !== 32) throw fail('"c" must be 32 bytes')
  const registered = m.i !== null
  const status: RecordStatus = {
    source, registry: signer, state: registered ? STATES[uint(m.state, '"state"')] ?? 'valid' : 'unregistered',
    reason: uint(m.reason, '"reason"'), since: uint(m.since, '"since"'), logSize: c.size, issuedAt: c.at, expiresAt: c.exp,
    revokedKeys: keysOf(m.keys),
    ...(registered ? { index: uint(m.i, '"i"'), head: uint(m.head, '"head"') } : {}),
    ...(m.rev instanceof Uint8Array ? { revocationKey: m.rev } : {}),
  }
  if (registered && (typeof m.state !== 'number' || m.state > 3)) throw fail('"state" must be 0-3')
  return { commitment: m.c, status }
}

// ---- k-anonymous bucket --------------------------------------------------------------------------

/** Fewest items in a bucket answer; real items are padded with random ones up to a multiple of this. */
export const BUCKET_PAD = 16

/** One registration in a bucket. */
export interface BucketItem {
  readonly commitment: Uint8Array
  readonly status: StatusRow
  readonly revocationKey: Uint8Array
}

/**
 * Signs a bucket: every registration whose commitment starts with `prefix`, plus random padding so
 * the answer's size does not say how many are real.
 *
 * @param prefix - 1–4 bytes
 * @param items - the real registrations
 * @param keys - revoked issuer keys
 * @param size - log size
 * @param at - now, seconds
 * @param ttl - lifetime, seconds
 * @param signer - the registry key
 * @returns the bucket's bytes
 */
export function signBucket(prefix: Uint8Array, items: readonly BucketItem[], keys: readonly KeyRevocationRow[], size: number, at: number, ttl: number, signer: Signer): Promise<Uint8Array> {
  // `head` (the record's last change) lets a holder see how current the item is and build the next statement's `prev`.
  const rows: CborValue[] = items.map((it) => ({ c: it.commitment, i: it.status.index, head: it.status.head, state: it.status.state, reason: it.status.reason, since: it.status.since, rev: it.revocationKey }))
  const target = Math.max(BUCKET_PAD, Math.ceil(rows.length / BUCKET_PAD) * BUCKET_PAD)
  while (rows.length < target) {
    const c = crypto.getRandomValues(new Uint8Array(32))
    c.set(prefix)
    const i = Math.floor(Math.random() * Math.max(size, 1))
    rows.push({ c, i, head: i, state: 0, reason: 0, since: at, rev: crypto.getRandomValues(new Uint8Array(32)) })
  }
  // Sort by commitment so padding cannot be told apart by position.
  rows.sort((a, b) => compareBytes((a as { c: Uint8Array }).c, (b as { c: Uint8Array }).c))
  const body = encodeCbor({ v: 1, prefix, items: rows, keys: keysCbor(keys), size, at, exp: at + ttl })
  return signArtefact(DOMAIN.bucket, body, signer)
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/**
 * Opens a bucket and finds the registrations of `commitment` in it.
 *
 * @param bytes - the bucket
 * @param trusted - trusted registry DIDs
 * @param commitment - the record's commitment (never sent to the registry)
 * @returns the matching statuses (empty: not registered)
 * @throws {CounterfoilError} `ERR_MALFORMED` (also when the bucket's prefix does not cover the commitment), signature errors
 */
export async function openBucket(bytes: Uint8Array, trusted: readonly string[], commitment: Uint8Array): Promise<{ matches: RecordStatus[]; template: RecordStatus }> {
  const { body, signer } = await openArtefact(DOMAIN.bucket, bytes, trusted)
  const m = asMap(decodeCbor(body), 'bucket')
  const c = common(m)
  if (!(m.prefix instanceof Uint8Array) || !bytesEqual(m.prefix, commitment.subarray(0, m.prefix.length))) throw fail('bucket prefix does not cover this record')
  if (!Array.isArray(m.items)) throw fail('"items" must be an array')
  const revokedKeys = keysOf(m.keys)
  const base = { source: 'bucket' as const, registry: signer, logSize: c.size, issuedAt: c.at, expiresAt: c.exp, revokedKeys }
  const matches: RecordStatus[] = []
  for (const raw of m.items) {
    const it = asMap(raw, 'bucket item')
    if (!(it.c instanceof Uint8Array) || !bytesEqual(it.c, commitment)) continue
    const state = STATES[uint(it.state, 'item state')]
    if (state === undefined) throw fail('item state must be 0-3')
    const index = uint(it.i, 'item index')
    const head = uint(it.head, 'item head')
    if (head < index) throw fail('item head cannot precede its index')
    matches.push({ ...base, index, head, state, reason: uint(it.reason, 'item reason'), since: uint(it.since, 'item since'), ...(it.rev instanceof Uint8Array ? { revocationKey: it.rev } : {}) })
  }
  return { matches, template: { ...base, state: 'unregistered', reason: 0, since: 0 } }
}

// ---- offline snapshot ----------------------------------------------------------------------------

/** A verified, decoded status snapshot. */
export interface StatusSnapshot {
  readonly registry: string
  readonly logSize: number
  readonly issuedAt: number
  readonly expiresAt: number
  /** Uncompressed 2-bit list, one entry per log index. */
  readonly list: Uint8Array
  readonly revokedKeys: readonly { readonly did: string; readonly from: number }[]
  /** The signed bytes, to pass on or cache. */
  readonly bytes: Uint8Array
}

/**
 * Signs a snapshot of every registration's status.
 *
 * @param size - log size covered
 * @param nonValid - every status row whose state is not valid
 * @param keys - revoked issuer keys
 * @param at - now, seconds
 * @param ttl - lifetime, seconds
 * @param signer - the registry key
 * @returns the snapshot bytes and its compressed list size
 */
export async function signSnapshot(size: number, nonValid: readonly StatusRow[], keys: readonly KeyRevocationRow[], at: number, ttl: number, signer: Signer): Promise<{ bytes: Uint8Array; listBytes: number }> {
  const list = new Uint8Array(statusListBytes(size))
  for (const row of nonValid) setStatus(list, row.index, row.state)
  const gz = await compressStatusList(list)
  const body = encodeCbor({ v: 1, list: gz, keys: keysCbor(keys), size, at, exp: at + ttl })
  return { bytes: await signArtefact(DOMAIN.snapshot, body, signer), listBytes: gz.length }
}

/** Largest status list a verifier inflates: 2^26 entries (64 M records), 16 MiB. */
export const MAX_SNAPSHOT_LIST_BYTES = 16 * 1024 * 1024

/**
 * Opens a snapshot signed by one of `trusted`.
 *
 * @param bytes - the snapshot
 * @param trusted - trusted registry DIDs
 * @returns the decoded snapshot
 * @throws {CounterfoilError} `ERR_MALFORMED`, `ERR_TOO_LARGE`, signature errors
 */
export async function openSnapshot(bytes: Uint8Array, trusted: readonly string[]): Promise<StatusSnapshot> {
  const { body, signer } = await openArtefact(DOMAIN.snapshot, bytes, trusted)
  const m = asMap(decodeCbor(body), 'snapshot')
  const c = common(m)
  if (!(m.list instanceof Uint8Array)) throw fail('"list" must be bytes')
  const list = await decompressStatusList(m.list, MAX_SNAPSHOT_LIST_BYTES)
  if (list.length < statusListBytes(c.size)) throw fail('status list is shorter than the log')
  return { registry: signer, logSize: c.size, issuedAt: c.at, expiresAt: c.exp, list, revokedKeys: keysOf(m.keys), bytes }
}

/**
 * The status of log index `index` in a snapshot.
 *
 * @param snapshot - an opened snapshot
 * @param index - the record's `reg` index (from its registration receipt)
 * @returns the status, `unregistered` if the index is beyond the snapshot
 */
export function snapshotStatus(snapshot: StatusSnapshot, index: number): RecordStatus {
  const base = { source: 'snapshot' as const, registry: snapshot.registry, logSize: snapshot.logSize, issuedAt: snapshot.issuedAt, expiresAt: snapshot.expiresAt, revokedKeys: snapshot.revokedKeys, reason: 0, since: snapshot.issuedAt }
  if (index >= snapshot.logSize) return { ...base, state: 'unregistered' }
  return { ...base, index, state: STATES[getStatus(snapshot.list, index)]! }
}
