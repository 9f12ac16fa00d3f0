/**
 * The registry's storage contract: a handful of reads and one exclusive write transaction. All log
 * logic (hashing, proofs, status rules, signing) lives in the registry core; a store only keeps
 * bytes and answers indexed lookups, so memory, SQLite and PostgreSQL behave identically.
 */
import type { NodeId } from '../log/node-ids.js'

/** What kind of log entry a leaf is (docs/spec.md §5). */
export type EntryKind = 'reg' | 'revoke' | 'suspend' | 'reinstate' | 'withdraw' | 'revoke-key' | 'succession'

/** One sequenced log entry with the columns a store indexes. */
export interface StoredEntry {
  /** Position in the log, from 0. */
  readonly index: number
  /** The entry's canonical DAG-CBOR bytes: the Merkle leaf. */
  readonly bytes: Uint8Array
  /** RFC 9162 leaf hash of `bytes`; unique across the log (duplicates are idempotent). */
  readonly leafHash: Uint8Array
  /** What kind of entry. */
  readonly kind: EntryKind
  /** `reg` entries: the 32-byte commitment, indexed for lookups and prefix buckets. */
  readonly commitment?: Uint8Array
  /** Status statements: index of the `reg` entry they change. */
  readonly target?: number
  /** `revoke-key` entries: the issuer DID whose key is revoked; `succession` entries: the old key. */
  readonly subjectKey?: string
}

/** Current status of one registered record (derived from the log, kept for O(1) answers). */
export interface StatusRow {
  /** Index of the `reg` entry. */
  readonly index: number
  /** 0 valid, 1 suspended, 2 revoked, 3 withdrawn (the 2-bit snapshot value). */
  readonly state: 0 | 1 | 2 | 3
  /** Index of the last entry that changed this record (the `reg` itself if none). */
  readonly head: number
  /** Reason code of the last change (0 if none). */
  readonly reason: number
  /** Time (seconds) the last change states, or the registration time. */
  readonly since: number
}

/** An issuer key declared compromised. */
export interface KeyRevocationRow {
  /** The issuer did:key. */
  readonly did: string
  /** Records registered at or after this log index under this key are invalid. */
  readonly from: number
  /** Index of the `revoke-key` entry itself. */
  readonly index: number
}

/** A Merkle node to keep: the hash of a complete subtree. */
export interface StoredNodeRow {
  readonly id: NodeId
  readonly hash: Uint8Array
}

/** Reads. On a {@link Store} they see committed data; on a {@link StoreTx}, the transaction's own writes too. */
export interface StoreReader {
  /** Number of sequenced entries (the tree size of the latest checkpoint). */
  size(): Promise<number>
  /** The latest signed checkpoint note, if any. */
  latestCheckpoint(): Promise<string | undefined>
  /** Hashes of complete subtrees, in the order asked; throws `ERR_STORE` if one is missing. */
  getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]>
  /** Entries with `start <= index < end`, in order. */
  entries(start: number, end: number): Promise<StoredEntry[]>
  /** The entry with this leaf hash, if sequenced. */
  entryByLeafHash(leafHash: Uint8Array): Promise<StoredEntry | undefined>
  /** `reg` entries with this commitment (normally one), in log order. */
  registrations(commitment: Uint8Array): Promise<StoredEntry[]>
  /** `reg` entries whose commitment starts with `prefix` (1–4 bytes), in log order, at most `limit`. */
  registrationsByPrefix(prefix: Uint8Array, limit: number): Promise<StoredEntry[]>
  /** Status of the `reg` entry at `index`, if that index is a registration. */
  status(index: number): Promise<StatusRow | undefined>
  /** Every record whose state is not 0 (valid), in index order: what a snapshot must mark. */
  nonValidStatuses(): Promise<StatusRow[]>
  /** The revocation of this issuer key, if any. */
  keyRevocation(did: string): Promise<KeyRevocationRow | undefined>
  /** Every revoked issuer key. */
  keyRevocations(): Promise<KeyRevocationRow[]>
  /** Entries about this key (`revoke-key` and `succession`, by `subjectKey`), in log order. */
  keyEntries(did: string): Promise<StoredEntry[]>
}

/** Writes, inside {@link Store.transaction}. */
export interface StoreTx extends StoreReader {
  putEntries(entries: readonly StoredEntry[]): Promise<void>
  putNodes(nodes: readonly StoredNodeRow[]): Promise<void>
  /** Inserts or replaces the status row for `row.index`. */
  putStatus(row: StatusRow): Promise<void>
  putKeyRevocation(row: KeyRevocationRow): Promise<void>
  /** Records a new signed checkpoint for tree size `size` (becomes `size()` and `latestCheckpoint()`). */
  putCheckpoint(size: number, note: string): Promise<void>
}

/**
 * A registry store.
 *
 * @example
 * ```ts
 * const registry = await createRegistry({ store: memoryStore(), signer, name: 'registry.example' })
 * ```
 */
export interface Store extends StoreReader {
  /**
   * Runs `fn` as one atomic write transaction that is exclusive across every process sharing the
   * store (several registry servers on one PostgreSQL take turns). Commits when `fn` resolves —
   * durably: once this resolves, the data survives a crash — and rolls back if it throws.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>
  /** Releases connections and files. */
  close(): Promise<void>
}
