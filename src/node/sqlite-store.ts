/**
 * The embedded registry {@link Store}: one SQLite file through better-sqlite3.
 *
 * - WAL journal with `synchronous=FULL`: a transaction is on disk (WAL fsynced) before
 *   {@link Store.transaction} resolves, so it survives SIGKILL and power loss.
 * - Two connections: a writer that runs every transaction (`BEGIN IMMEDIATE` … `COMMIT`, taken in
 *   turn through an in-process queue because `fn` awaits between statements; across processes
 *   SQLite's write lock and `busy_timeout` do the same), and a read-only reader for the
 *   {@link Store}'s own reads, which therefore never see a transaction's uncommitted writes.
 *   Reads on the {@link StoreTx} go to the writer and see the transaction's writes.
 * - Schema versioned by `PRAGMA user_version`, migrations in code, file marked with
 *   `PRAGMA application_id` so a foreign database is refused rather than modified.
 * - Every lookup is an index seek or range: prefix buckets scan the commitment index between
 *   `prefix` and `prefix + 1`; tree nodes are fetched by primary key, one seek per id.
 *
 * better-sqlite3 is synchronous: a statement blocks the event loop for its duration (microseconds
 * for these indexed reads; a commit waits for fsync). For the same reason, open one store per file
 * per process: a second writer in the same process would wait for the lock inside SQLite's busy
 * handler, blocking the event loop the first one needs to finish, and fail after `busyTimeout`.
 * Several processes on one file are fine.
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { CounterfoilError } from '../errors.js'
import { Turns } from './turns.js'
import type { NodeId } from '../registry/log/node-ids.js'
import type {
  EntryKind, KeyRevocationRow, StatusRow, Store, StoredEntry, StoredNodeRow, StoreReader, StoreTx,
} from '../registry/store/interface.js'

/**
 * Options for {@link sqliteStore}.
 *
 * @example
 * ```ts
 * const store = await sqliteStore('/var/lib/registry/registry.db', { busyTimeout: 10_000 })
 * ```
 */
export interface SqliteStoreOptions {
  /** Milliseconds to wait for another process's lock before failing with `ERR_STORE`. Default 5000. */
  readonly busyTimeout?: number
}

/** `PRAGMA application_id` of a counterfoil registry file: "CFRG". */
const APPLICATION_ID = 0x43465247

/** Schema migrations; `user_version` is the number applied. Append only, never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE entries (
     idx INTEGER PRIMARY KEY,
     bytes BLOB NOT NULL,
     leaf_hash BLOB NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     commitment BLOB,
     target INTEGER,
     subject_key TEXT
   );
   CREATE INDEX entries_commitment ON entries (commitment, idx) WHERE commitment IS NOT NULL;
   CREATE TABLE nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID;
   CREATE TABLE statuses (
     idx INTEGER PRIMARY KEY, state INTEGER NOT NULL, head INTEGER NOT NULL, reason INTEGER NOT NULL, since INTEGER NOT NULL
   );
   CREATE INDEX statuses_non_valid ON statuses (idx) WHERE state <> 0;
   CREATE TABLE key_revocations (did TEXT PRIMARY KEY, from_idx INTEGER NOT NULL, idx INTEGER NOT NULL);
   CREATE TABLE checkpoints (id INTEGER PRIMARY KEY, size INTEGER NOT NULL, note TEXT NOT NULL);
   CREATE INDEX checkpoints_latest ON checkpoints (size, id);`,
  `CREATE INDEX entries_subject_key ON entries (subject_key, idx) WHERE subject_key IS NOT NULL;`,
]

const ENTRY_COLUMNS = 'idx, bytes, leaf_hash, kind, commitment, target, subject_key'

interface EntryRow {
  idx: number; bytes: Uint8Array; leaf_hash: Uint8Array; kind: string
  commitment: Uint8Array | null; target: number | null; subject_key: string | null
}
interface StatusDbRow { idx: number; state: number; head: number; reason: number; since: number }
interface KeyDbRow { did: string; from_idx: number; idx: number }

type Stmt<R = unknown> = Database.Statement<unknown[], R>

/**
 * The driver's Buffer as a plain Uint8Array: a view when the Buffer owns its whole ArrayBuffer
 * (better-sqlite3's do), a copy when it is a slice of a shared pool (small Buffers in `pg`).
 */
const own = (b: Uint8Array): Uint8Array =>
  b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? new Uint8Array(b.buffer, 0, b.byteLength) : new Uint8Array(b)

function toEntry(r: EntryRow): StoredEntry {
  return {
    index: r.idx, bytes: own(r.bytes), leafHash: own(r.leaf_hash), kind: r.kind as EntryKind,
    ...(r.commitment === null ? {} : { commitment: own(r.commitment) }),
    ...(r.target === null ? {} : { target: r.target }),
    ...(r.subject_key === null ? {} : { subjectKey: r.subject_key }),
  }
}

const toStatus = (r: StatusDbRow): StatusRow =>
  ({ index: r.idx, state: r.state as StatusRow['state'], head: r.head, reason: r.reason, since: r.since })

const toKey = (r: KeyDbRow): KeyRevocationRow => ({ did: r.did, from: r.from_idx, index: r.idx })

/** The smallest byte string above every string starting with `prefix`, or undefined if none (all 0xff). */
function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  let n = prefix.length
  while (n > 0 && prefix[n - 1] === 0xff) n--
  if (n === 0) return undefined
  const end = prefix.slice(0, n)
  end[n - 1]! += 1
  return end
}

function storeError(what: string, cause: unknown): CounterfoilError {
  if (cause instanceof CounterfoilError) return cause
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new CounterfoilError('ERR_STORE', `sqlite store: ${what} failed: ${detail}`, { cause })
}

/** Runs a synchronous driver call, turning driver errors into `ERR_STORE`. */
function guard<T>(what: string, f: () => T): T {
  try {
    return f()
  } catch (e) {
    throw storeError(what, e)
  }
}

/** The prepared read statements of one connection. */
class ReadStatements {
  readonly latest: Stmt<{ size: number; note: string }>
  readonly node: Stmt<{ hash: Uint8Array }>
  readonly entries: Stmt<EntryRow>
  readonly byLeaf: Stmt<EntryRow>
  readonly byCommitment: Stmt<EntryRow>
  readonly byPrefix: Stmt<EntryRow>
  readonly byPrefixFrom: Stmt<EntryRow>
  readonly status: Stmt<StatusDbRow>
  readonly nonValid: Stmt<StatusDbRow>
  readonly key: Stmt<KeyDbRow>
  readonly keys: Stmt<KeyDbRow>
  readonly byKey: Stmt<EntryRow>

  constructor(db: Database.Database) {
    this.latest = db.prepare('SELECT size, note FROM checkpoints ORDER BY size DESC, id DESC LIMIT 1')
    this.node = db.prepare('SELECT hash FROM nodes WHERE level = ? AND idx = ?')
    this.entries = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx`)
    this.byLeaf = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE leaf_hash = ?`)
    this.byCommitment = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE commitment = ? ORDER BY idx`)
    // INDEXED BY: the planner may not walk the primary key in log order and filter (a full scan).
    this.byPrefix = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries INDEXED BY entries_commitment
      WHERE commitment >= ? AND commitment < ? ORDER BY idx LIMIT ?`)
    this.byPrefixFrom = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries INDEXED BY entries_commitment
      WHERE commitment >= ? ORDER BY idx LIMIT ?`)
    this.status = db.prepare('SELECT idx, state, head, reason, since FROM statuses WHERE idx = ?')
    this.nonValid = db.prepare('SELECT idx, state, head, reason, since FROM statuses WHERE state <> 0 ORDER BY idx')
    this.key = db.prepare('SELECT did, from_idx, idx FROM key_revocations WHERE did = ?')
    this.keys = db.prepare('SELECT did, from_idx, idx FROM key_revocations ORDER BY idx, did')
    this.byKey = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE subject_key = ? ORDER BY idx`)
  }
}

/** Reads over one connection; `statements()` throws once the store is closed or the tx is over. */
abstract class SqliteReader implements StoreReader {
  protected abstract statements(): ReadStatements

  async size(): Promise<number> {
    return guard('size', () => this.statements().latest.get()?.size ?? 0)
  }

  async latestCheckpoint(): Promise<string | undefined> {
    return guard('latestCheckpoint', () => this.statements().latest.get()?.note)
  }

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    // One primary-key seek per id: measured as fast as one `(level, idx) IN (VALUES …)` query, and
    // one cached statement serves every proof shape. Nodes never change, so no snapshot is needed.
    const node = guard('getNodes', () => this.statements().node)
    return ids.map((id) => {
      const row = guard('getNodes', () => node.get(id.level, id.index))
      if (row === undefined) throw new CounterfoilError('ERR_STORE', `missing tree node ${id.level}/${id.index}`)
      return own(row.hash)
    })
  }

  async entries(start: number, end: number): Promise<StoredEntry[]> {
    return guard('entries', () => this.statements().entries.all(start, end).map(toEntry))
  }

  async entryByLeafHash(leafHash: Uint8Array): Promise<StoredEntry | undefined> {
    const row = guard('entryByLeafHash', () => this.statements().byLeaf.get(leafHash))
    return row === undefined ? undefined : toEntry(row)
  }

  async registrations(commitment: Uint8Array): Promise<StoredEntry[]> {
    return guard('registrations', () => this.statements().byCommitment.all(commitment).map(toEntry))
  }

  async registrationsByPrefix(prefix: Uint8Array, limit: number): Promise<StoredEntry[]> {
    if (limit <= 0) return []
    const end = prefixEnd(prefix)
    return guard('registrationsByPrefix', () => {
      const s = this.statements()
      const rows = end === undefined ? s.byPrefixFrom.all(prefix, limit) : s.byPrefix.all(prefix, end, limit)
      return rows.map(toEntry)
    })
  }

  async status(index: number): Promise<StatusRow | undefined> {
    const row = guard('status', () => this.statements().status.get(index))
    return row === undefined ? undefined : toStatus(row)
  }

  async nonValidStatuses(): Promise<StatusRow[]> {
    return guard('nonValidStatuses', () => this.statements().nonValid.all().map(toStatus))
  }

  async keyRevocation(did: string): Promise<KeyRevocationRow | undefined> {
    const row = guard('keyRevocation', () => this.statements().key.get(did))
    return row === undefined ? undefined : toKey(row)
  }

  async keyRevocations(): Promise<KeyRevocationRow[]> {
    return guard('keyRevocations', () => this.statements().keys.all().map(toKey))
  }

  async keyEntries(did: string): Promise<StoredEntry[]> {
    return guard('keyEntries', () => this.statements().byKey.all(did).map(toEntry))
  }
}

/** The writer connection's statements; batch writers run inside a SAVEPOINT so each call is all-or-nothing. */
class WriteStatements extends ReadStatements {
  readonly nextIndex: Stmt<{ next: number }>
  readonly insertEntries: (entries: readonly StoredEntry[]) => void
  readonly insertNodes: (nodes: readonly StoredNodeRow[]) => void
  readonly upsertStatus: Stmt
  readonly upsertKey: Stmt
  readonly insertCheckpoint: Stmt

  constructor(db: Database.Database) {
    super(db)
    this.nextIndex = db.prepare('SELECT COALESCE(MAX(idx) + 1, 0) AS next FROM entries')
    const entry = db.prepare(`INSERT INTO entries (${ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    this.insertEntries = db.transaction((entries: readonly StoredEntry[]) => {
      for (const e of entries) {
        entry.run(e.index, e.bytes, e.leafHash, e.kind, e.commitment ?? null, e.target ?? null, e.subjectKey ?? null)
      }
    })
    const node = db.prepare('INSERT OR REPLACE INTO nodes (level, idx, hash) VALUES (?, ?, ?)')
    this.insertNodes = db.transaction((nodes: readonly StoredNodeRow[]) => {
      for (const n of nodes) node.run(n.id.level, n.id.index, n.hash)
    })
    this.upsertStatus = db.prepare('INSERT OR REPLACE INTO statuses (idx, state, head, reason, since) VALUES (?, ?, ?, ?, ?)')
    this.upsertKey = db.prepare('INSERT OR REPLACE INTO key_revocations (did, from_idx, idx) VALUES (?, ?, ?)')
    this.insertCheckpoint = db.prepare('INSERT INTO checkpoints (size, note) VALUES (?, ?)')
  }
}

/** One transaction's view: reads and writes on the writer connection, dead once it ends. */
class SqliteTx extends SqliteReader implements StoreTx {
  #live = true
  #next: number | undefined

  constructor(private readonly w: WriteStatements) {
    super()
  }

  protected statements(): WriteStatements {
    if (!this.#live) throw new CounterfoilError('ERR_STORE', 'sqlite store: transaction already finished')
    return this.w
  }

  end(): void {
    this.#live = false
  }

  async putEntries(entries: readonly StoredEntry[]): Promise<void> {
    const s = this.statements()
    const next = this.#next ?? guard('putEntries', () => s.nextIndex.get()!.next)
    entries.forEach((e, i) => {
      if (e.index !== next + i) throw new CounterfoilError('ERR_STORE', `entry ${e.index} out of sequence (expected ${next + i})`)
    })
    guard('putEntries', () => s.insertEntries(entries))
    this.#next = next + entries.length
  }

  async putNodes(nodes: readonly StoredNodeRow[]): Promise<void> {
    const s = this.statements()
    guard('putNodes', () => s.insertNodes(nodes))
  }

  async putStatus(row: StatusRow): Promise<void> {
    const s = this.statements()
    guard('putStatus', () => s.upsertStatus.run(row.index, row.state, row.head, row.reason, row.since))
  }

  async putKeyRevocation(row: KeyRevocationRow): Promise<void> {
    const s = this.statements()
    guard('putKeyRevocation', () => s.upsertKey.run(row.did, row.from, row.index))
  }

  async putCheckpoint(size: number, note: string): Promise<void> {
    const s = this.statements()
    guard('putCheckpoint', () => s.insertCheckpoint.run(size, note))
  }
}

class SqliteStore extends SqliteReader implements Store {
  readonly #turns = new Turns()
  #closed = false
  readonly #read: ReadStatements
  readonly #write: WriteStatements

  constructor(
    private readonly writer: Database.Database,
    private readonly reader: Database.Database,
    private readonly cleanup: () => void,
  ) {
    super()
    this.#read = new ReadStatements(reader)
    this.#write = new WriteStatements(writer)
  }

  protected statements(): ReadStatements {
    if (this.#closed) throw new CounterfoilError('ERR_STORE', 'sqlite store: closed')
    return this.#read
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#turns.take(() => this.#run(fn))
  }

  async #run<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.#closed) throw new CounterfoilError('ERR_STORE', 'sqlite store: closed')
    guard('BEGIN IMMEDIATE', () => this.writer.exec('BEGIN IMMEDIATE'))
    const tx = new SqliteTx(this.#write)
    let result: T
    try {
      result = await fn(tx)
    } catch (e) {
      tx.end()
      if (this.writer.inTransaction) guard('ROLLBACK', () => this.writer.exec('ROLLBACK'))
      throw e
    }
    tx.end()
    try {
      this.writer.exec('COMMIT')
    } catch (e) {
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK')
      throw storeError('COMMIT', e)
    }
    return result
  }

  async close(): Promise<void> {
    if (this.#closed) return
    await this.#turns.idle()
    this.#closed = true
    guard('close', () => {
      this.reader.close()
      this.writer.close()
    })
    this.cleanup()
  }
}

/** Applies pending migrations on the writer, refusing files that are not (or are newer) counterfoil registries. */
function migrate(db: Database.Database): void {
  db.exec('BEGIN IMMEDIATE')
  try {
    const appId = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n
    if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables !== 0)) {
      throw new CounterfoilError('ERR_STORE', `sqlite store: ${db.name} is not a counterfoil registry database`)
    }
    if (version > MIGRATIONS.length) {
      throw new CounterfoilError('ERR_STORE', `sqlite store: schema version ${version} is newer than this counterfoil (${MIGRATIONS.length})`)
    }
    for (const sql of MIGRATIONS.slice(version)) db.exec(sql)
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.pragma(`user_version = ${MIGRATIONS.length}`)
    db.exec('COMMIT')
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw e
  }
}

function openWriter(path: string, busyTimeout: number): Database.Database {
  const db = new Database(path)
  try {
    db.pragma(`busy_timeout = ${busyTimeout}`)
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') throw new CounterfoilError('ERR_STORE', `sqlite store: ${path} cannot use WAL (journal_mode=${String(mode)})`)
    db.pragma('synchronous = FULL')
    db.pragma('fullfsync = ON') // macOS: F_FULLFSYNC, so "synced" means on the platter; no-op elsewhere
    db.pragma('checkpoint_fullfsync = ON')
    // A sequencing round dirties a page of each random-keyed index (leaf hash, commitment) per
    // entry: ~2 MB of WAL for 256 entries. Checkpointing every ~40 MB instead of SQLite's 4 MB
    // writes hot pages back once per many rounds: measured ~30% more appends/s, half the p90.
    db.pragma('wal_autocheckpoint = 10000')
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`)
    db.pragma('cache_size = -65536') // 64 MiB: the random-keyed indexes (leaf hash, commitment) stay in memory longer
    migrate(db)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

function openReader(path: string, busyTimeout: number): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  db.pragma(`busy_timeout = ${busyTimeout}`)
  return db
}

/**
 * Opens (creating and migrating if needed) a registry store in one SQLite file.
 *
 * `':memory:'` (or `''`) gives a private database in a fresh temporary directory, removed by
 * `close()`: two connections cannot share a true in-memory database, and the reader must not see
 * the writer's uncommitted work.
 *
 * @param path - the database file; default `./counterfoil-registry.db`. `-wal` and `-shm` files sit beside it.
 * @param options - see {@link SqliteStoreOptions}
 * @returns an open {@link Store}; call `close()` when done
 * @throws CounterfoilError `ERR_STORE` (with `cause`) if the file cannot be opened, is not a
 *   counterfoil registry, has a newer schema, or cannot use WAL; RangeError for a bad `busyTimeout`
 * @example
 * ```ts
 * import { sqliteStore } from 'counterfoil/registry/sqlite'
 * const store = await sqliteStore('./registry.db')
 * const registry = await createRegistry({ store, signer, name: 'registry.example' })
 * ```
 */
export async function sqliteStore(path = './counterfoil-registry.db', options: SqliteStoreOptions = {}): Promise<Store> {
  const busyTimeout = options.busyTimeout ?? 5000
  if (!Number.isSafeInteger(busyTimeout) || busyTimeout < 0) {
    throw new RangeError(`"busyTimeout" expected a non-negative integer of milliseconds, got ${String(busyTimeout)}`)
  }
  let file = path
  let cleanup = (): void => {}
  if (path === ':memory:' || path === '') {
    const dir = mkdtempSync(join(tmpdir(), 'counterfoil-sqlite-'))
    file = join(dir, 'registry.db')
    cleanup = () => rmSync(dir, { recursive: true, force: true })
  }
  let writer: Database.Database | undefined
  try {
    writer = openWriter(file, busyTimeout)
    const reader = openReader(file, busyTimeout)
    return new SqliteStore(writer, reader, cleanup)
  } catch (e) {
    writer?.close()
    cleanup()
    throw storeError(`opening ${file}`, e)
  }
}
