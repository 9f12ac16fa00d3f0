/**
 * The verbs that write to a registry: `register`, `revoke`, `suspend`, `reinstate`, `withdraw`,
 * `revokeKey`. Each builds a signed log entry, submits it, and returns the registry's receipt.
 */
import { CounterfoilError } from '../errors.js'
import type { Signer } from '../keys/interface.js'
import { decodeRecord, SignedRecord } from '../record/envelope.js'
import { deriveRevocationKey } from '../record/revocation-key.js'
import { nowSeconds } from '../record/time.js'
import { bytesEqual } from '../codec/bytes.js'
import type { Receipt, RegistryClient } from './client.js'
import { commitmentOf, reasonCode, signEntry, type Reason, type RegEntry, type RevokeKeyEntry, type StatementKind, type StatusEntry } from './entries.js'
import { noteVerifier } from './log/note.js'
import { openCheckpoint } from './log/signed-checkpoint.js'
import { openStatusNote, type RecordStatus } from './status/answers.js'
import { publicKeyFromDid } from '../keys/did.js'

function asRecord(record: SignedRecord | Uint8Array | string): SignedRecord {
  return record instanceof SignedRecord ? record : decodeRecord(record)
}

function assertClient(registry: unknown): asserts registry is RegistryClient {
  if (typeof (registry as RegistryClient | null)?.submit !== 'function') {
    throw new TypeError('"registry" expected a registry client (createRegistry() or remoteRegistry(url))')
  }
}

async function issuerRevocationSeed(signer: Signer, record: SignedRecord): Promise<Uint8Array> {
  const rev = record.payload.rev
  if (rev === undefined) throw new CounterfoilError('ERR_MALFORMED', `record ${record.id} is not revocable (issued without a registry)`)
  const derived = await deriveRevocationKey(signer, record.payload.salt)
  if (!bytesEqual(derived.publicKey, rev.issuer)) {
    throw new CounterfoilError('ERR_UNAUTHORIZED', `signer ${signer.did} is not the issuer of record ${record.id} (its revocation key does not match)`)
  }
  return derived.seed
}

/** What `register` needs. */
export interface RegisterOptions {
  /** The issuer's signer (re-derives the record's revocation key; nothing is stored). */
  readonly signer: Signer
  readonly record: SignedRecord | Uint8Array | string
  readonly registry: RegistryClient
  /** Sign the submission for a private registry's allow-list (usually the same issuer signer). */
  readonly submitter?: Signer
}

/**
 * Registers a record's counterfoil: its commitment and revocation keys, nothing else.
 *
 * @param options - see {@link RegisterOptions}
 * @returns the receipt (log index, inclusion proof, checkpoint) — give it to the holder
 * @throws {CounterfoilError} `ERR_MALFORMED` (not revocable), `ERR_UNAUTHORIZED`, registry errors
 * @example
 * ```ts
 * const receipt = await register({ signer: shop, record, registry })
 * ```
 */
export async function register(options: RegisterOptions): Promise<Receipt> {
  assertClient(options.registry)
  const record = asRecord(options.record)
  const seed = await issuerRevocationSeed(options.signer, record)
  const entry = await signEntry<RegEntry>({ t: 'reg', c: commitmentOf(record.cid), rev: record.payload.rev!, at: nowSeconds() }, seed)
  return options.registry.submit(entry, options.submitter === undefined ? {} : { submitter: options.submitter })
}

/**
 * The record's current registration, found by its commitment and matched by its revocation key
 * (so somebody else registering the same commitment with other keys cannot interfere).
 *
 * @param record - the record
 * @param registry - where it is registered
 * @returns the status; state `unregistered` when no registration under the record's key exists
 */
export async function lookupStatus(record: SignedRecord, registry: RegistryClient): Promise<RecordStatus> {
  const commitment = commitmentOf(record.cid)
  const key = await registry.key()
  let other: RecordStatus | undefined
  for (const note of await registry.statusNotes(commitment, record.payload.iss)) {
    const opened = await openStatusNote(note, [key])
    if (!bytesEqual(opened.commitment, commitment)) throw new CounterfoilError('ERR_MALFORMED', 'registry answered about another commitment')
    const k = opened.status.revocationKey
    if (k !== undefined && record.payload.rev !== undefined && bytesEqual(k, record.payload.rev.issuer)) return opened.status
    other ??= opened.status
  }
  if (other === undefined) throw new CounterfoilError('ERR_MALFORMED', 'registry sent no status note')
  // Only registrations under other keys (or none): for this record, that is "not registered".
  const { index: _i, head: _h, revocationKey: _k, ...rest } = other
  return { ...rest, state: 'unregistered', reason: 0, since: 0 }
}

/** What `revoke`, `suspend`, `reinstate` and `withdraw` need. */
export interface StatusChangeOptions {
  /** Issuer's signer (revoke/suspend/reinstate) or the holder's withdrawal key (withdraw). */
  readonly signer: Signer
  readonly record: SignedRecord | Uint8Array | string
  readonly registry: RegistryClient
  /** Why: a name from REASONS or a code 0–255. */
  readonly reason?: Reason
}

async function changeStatus(kind: StatementKind, options: StatusChangeOptions): Promise<Receipt> {
  assertClient(options.registry)
  const record = asRecord(options.record)
  const reason = reasonCode(options.reason)
  let key: Uint8Array | Signer
  if (kind === 'withdraw') {
    const holder = record.payload.rev?.holder
    if (holder === undefined) throw new CounterfoilError('ERR_UNAUTHORIZED', `record ${record.id} has no holder withdrawal key`)
    if (!bytesEqual(holder, options.signer.publicKey)) throw new CounterfoilError('ERR_UNAUTHORIZED', 'signer is not the record\'s holder withdrawal key')
    key = options.signer
  } else {
    key = await issuerRevocationSeed(options.signer, record)
  }
  const status = await lookupStatus(record, options.registry)
  if (status.index === undefined || status.head === undefined) {
    throw new CounterfoilError('ERR_NOT_REGISTERED', `record ${record.id} is not registered at ${options.registry.origin}`)
  }
  const entry = await signEntry<StatusEntry>({ t: kind, i: status.index, prev: status.head, at: nowSeconds(), reason }, key)
  return options.registry.submit(entry)
}

/**
 * Revokes a record for good. Only its issuer can (the key is re-derived from the record's salt).
 *
 * @param options - see {@link StatusChangeOptions}
 * @returns the receipt of the `revoke` entry
 * @throws {CounterfoilError} `ERR_UNAUTHORIZED`, `ERR_NOT_REGISTERED`, `ERR_CONFLICT` (already revoked/withdrawn)
 * @example
 * ```ts
 * await revoke({ signer: shop, record, registry, reason: 'fraud' })
 * ```
 */
export function revoke(options: StatusChangeOptions): Promise<Receipt> {
  return changeStatus('revoke', options)
}

/**
 * Suspends a record until it is reinstated.
 *
 * @param options - see {@link StatusChangeOptions}
 * @returns the receipt
 * @example
 * ```ts
 * await suspend({ signer: shop, record, registry, reason: 'onHold' })
 * ```
 */
export function suspend(options: StatusChangeOptions): Promise<Receipt> {
  return changeStatus('suspend', options)
}

/**
 * Lifts a suspension.
 *
 * @param options - see {@link StatusChangeOptions}
 * @returns the receipt
 * @example
 * ```ts
 * await reinstate({ signer: shop, record, registry })
 * ```
 */
export function reinstate(options: StatusChangeOptions): Promise<Receipt> {
  return changeStatus('reinstate', options)
}

/**
 * The holder withdraws a record (a consent, say) with the withdrawal key chosen at issuance —
 * without asking the issuer.
 *
 * @param options - `signer` is the holder's key whose public key is the record's `rev.holder`
 * @returns the receipt
 * @example
 * ```ts
 * await withdraw({ signer: customer, record: consent, registry, reason: 'consentWithdrawn' })
 * ```
 */
export function withdraw(options: StatusChangeOptions): Promise<Receipt> {
  return changeStatus('withdraw', options)
}

/**
 * Declares an issuer key compromised: records registered at or after `from` (default: the end of
 * the log now) under this key are invalid; earlier ones stay valid. The log is the clock.
 *
 * @param options - `signer`: the compromised key itself; `from`: a log position at or before now
 * @returns the receipt
 * @example
 * ```ts
 * await revokeKey({ signer: oldShopKey, registry })
 * ```
 */
export async function revokeKey(options: { signer: Signer; registry: RegistryClient; from?: number }): Promise<Receipt> {
  assertClient(options.registry)
  const key = await options.registry.key()
  const opened = await openCheckpoint(await options.registry.checkpoint(), [noteVerifier(options.registry.origin, publicKeyFromDid(key))], { origin: options.registry.origin })
  const from = options.from ?? opened.checkpoint.size
  const entry = await signEntry<RevokeKeyEntry>({ t: 'revoke-key', key: options.signer.did, from, at: nowSeconds() }, options.signer)
  return options.registry.submit(entry)
}
