/**
 * The scale-out registry {@link Store}: PostgreSQL through a `pg` Pool, so several stateless
 * registry servers can share one database.
 *
 * - Tables live in one schema (`options.schema`, default `counterfoil`), created and migrated on
 *   open under a per-schema advisory lock, so servers starting together do not race.
 * - {@link Store.transaction} takes a pooled client, `BEGIN`s, and takes
 *   `pg_advisory_xact_lock(<fixed key for the schema>)`: transactions of every server over the same
 *   schema take turns, and each sees all earlier commits (READ COMMITTED after the lock). Within one
 *   process a queue keeps a waiting transaction from holding a second pooled connection.
 *   `synchronous_commit` is raised to `on` for the transaction if the server has it `off`, so a
 *   resolved transaction is durable.
 * - The {@link Store}'s own reads use other pooled connections and see only committed data.
 * - Indices are BIGINT (returned as strings by `pg`, converted to safe integers or `ERR_STORE`);
 *   bytes are bytea. Batches go in as `unnest` arrays, 5,000 rows per statement.
 * - A database error inside a transaction aborts it (PostgreSQL semantics): later calls on that
 *   transaction fail and it rolls back with `ERR_STORE` even if `fn` caught the first error.
 * - `putStatus` rows are written behind, in one statement before the transaction's next query or
 *   its commit; an error in them surfaces there, as `ERR_STORE`.
 *
 * @module
 */
import pg from 'pg'
import { CounterfoilError } from '../errors.js'
import { Turns } from './turns.js'
import type { NodeId } from '../registry/log/node-ids.js'
import type {
  EntryKind, KeyRevocationRow, StatusRow, Store, StoredEntry, StoredNodeRow, StoreReader, StoreTx,
} from '../registry/store/interface.js'

/**
 * Options for {@link postgresStore}.
 *
 * @example
 * ```ts
 * const store = await postgresStore({ connectionString: process.env.DATABASE_URL, max: 20 }, { schema: 'registry_eu' })
 * ```
 */
export interface PostgresStoreOptions {
  /**
   * The schema holding the registry's tables, created if missing: a lower-case SQL identifier
   * (`[a-z_][a-z0-9_]*`, at most 63 characters). Default `counterfoil`. One schema is one registry.
   */
  readonly schema?: string
}

/** Advisory lock class ids ("CFRG", "CFRM"); the object id is a hash of the schema name. */
const SEQUENCE_LOCK = 0x43465247
const MIGRATION_LOCK = 0x4346524d
/** Rows per INSERT … SELECT FROM unnest(…). */
const BATCH = 5000

/** Schema migrations; `{schema}` is replaced by the quoted schema. Append only, never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE {schema}.entries (
     idx BIGINT PRIMARY KEY,
     bytes BYTEA NOT NULL,
     leaf_hash BYTEA NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     commitment BYTEA,
     target BIGINT,
     subject_key TEXT
   );
   CREATE INDEX entries_commitment ON {schema}.entries (commitment, idx) WHERE commitment IS NOT NULL;
   CREATE TABLE {schema}.nodes (level SMALLINT NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (level, idx));
   CREATE TABLE {schema}.statuses (
     idx BIGINT PRIMARY KEY, state SMALLINT NOT NULL, head BIGINT NOT NULL, reason BIGINT NOT NULL, since BIGINT NOT NULL
   );
   CREATE INDEX statuses_non_valid ON {schema}.statuses (idx) WHERE state <> 0;
   CREATE TABLE {schema}.key_revocations (did TEXT PRIMARY KEY, from_idx BIGINT NOT NULL, idx BIGINT NOT NULL);
   CREATE TABLE {schema}.checkpoints (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, size BIGINT NOT NULL, note TEXT NOT NULL);
   CREATE INDEX checkpoints_latest ON {schema}.checkpoints (size, id);`,
  `CREATE INDEX entries_subject_key ON {schema}.entries (subject_key, idx) WHERE subject_key IS NOT NULL;`,
]

type Int = string | number
interface EntryRow {
  idx: Int; bytes: Uint8Array; leaf_hash: Uint8Array; kind: string
  commitment: Uint8Array | null; target: Int | null; subject_key: string | null
}
interface StatusDbRow { idx: Int; state: number; head: Int; reason: Int; since: Int }
interface KeyDbRow { did: string; from_idx: Int; idx: Int }

/** A BIGINT as a JS number, refusing anything beyond 2^53 − 1 rather than rounding it. */
function num(v: Int): number {
  const n = typeof v === 'number' ? v : Number(v)
  if (!Number.isSafeInteger(n)) throw new CounterfoilError('ERR_STORE', `postgres store: integer ${String(v)} is not a safe JS integer`)
  return n
}

/**
 * The driver's Buffer as a plain Uint8Array: a view when the Buffer owns its whole ArrayBuffer
 * (better-sqlite3's do), a copy when it is a slice of a shared pool (small Buffers in `pg`).
 */
const own = (b: Uint8Array): Uint8Array =>
  b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? new Uint8Array(b.buffer, 0, b.byteLength) : new Uint8Array(b)

function toEntry(r: EntryRow): StoredEntry {
  return {
    index: num(r.idx), bytes: own(r.bytes), leafHash: own(r.leaf_hash), kind: r.kind as EntryKind,
    ...(r.commitment === null ? {} : { commitment: own(r.commitment) }),
    ...(r.target === null ? {} : { target: num(r.target) }),
    ...(r.subject_key === null ? {} : { subjectKey: r.subject_key }),
  }
}

const toStatus = (r: StatusDbRow): StatusRow =>
  ({ index: num(r.idx), state: r.state as StatusRow['state'], head: num(r.head), reason: num(r.reason), since: num(r.since) })

const toKey = (r: KeyDbRow): KeyRevocationRow => ({ did: r.did, from: num(r.from_idx), index: num(r.idx) })

/** The smallest byte string above every string starting with `prefix`, or undefined if none (all 0xff). */
function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  let n = prefix.length
  while (n > 0 && prefix[n - 1] === 0xff) n--
  if (n === 0) return undefined
  const end = prefix.slice(0, n)
  end[n - 1]! += 1
  return end
}

/** FNV-1a 32-bit of the schema name, as a signed int4 for pg_advisory_xact_lock(int4, int4). */
function schemaLockId(schema: string): number {
  let h = 0x811c9dc5
  for (const c of new TextEncoder().encode(schema)) h = Math.imul(h ^ c, 0x01000193)
  return h | 0
}

function storeError(what: string, cause: unknown): CounterfoilError {
  if (cause instanceof CounterfoilError) return cause
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new CounterfoilError('ERR_STORE', `postgres store: ${what} failed: ${detail}`, { cause })
}

/** Every SQL text, with the schema filled in; prepared once per connection by name. */
function statements(schema: string) {
  const s = `"${schema}"`
  const cols = 'idx, bytes, leaf_hash, kind, commitment, target, subject_key'
  const q = (name: string, text: string) => ({ name: `counterfoil_${name}`, text })
  return {
    latest: q('latest', `SELECT size, note FROM ${s}.checkpoints ORDER BY size DESC, id DESC LIMIT 1`),
    nodes: q('nodes', `SELECT n.level, n.idx, n.hash FROM unnest($1::smallint[], $2::bigint[]) AS want (level, idx)
      JOIN ${s}.nodes n ON n.level = want.level AND n.idx = want.idx`),
    entries: q('entries', `SELECT ${cols} FROM ${s}.entries WHERE idx >= $1 AND idx < $2 ORDER BY idx`),
    byLeaf: q('by_leaf', `SELECT ${cols} FROM ${s}.entries WHERE leaf_hash = $1`),
    byCommitment: q('by_commitment', `SELECT ${cols} FROM ${s}.entries WHERE commitment = $1 ORDER BY idx`),
    // MATERIALIZED: range-scan the commitment index, then order; never walk the whole log in idx order.
    byPrefix: q('by_prefix', `WITH hit AS MATERIALIZED (SELECT ${cols} FROM ${s}.entries WHERE commitment >= $1 AND commitment < $2)
      SELECT * FROM hit ORDER BY idx LIMIT $3`),
    byPrefixFrom: q('by_prefix_from', `WITH hit AS MATERIALIZED (SELECT ${cols} FROM ${s}.entries WHERE commitment >= $1)
      SELECT * FROM hit ORDER BY idx LIMIT $2`),
    status: q('status', `SELECT idx, state, head, reason, since FROM ${s}.statuses WHERE idx = $1`),
    nonValid: q('non_valid', `SELECT idx, state, head, reason, since FROM ${s}.statuses WHERE state <> 0 ORDER BY idx`),
    key: q('key', `SELECT did, from_idx, idx FROM ${s}.key_revocations WHERE did = $1`),
    keys: q('keys', `SELECT did, from_idx, idx FROM ${s}.key_revocations ORDER BY idx, did`),
    byKey: q('by_key', `SELECT ${cols} FROM ${s}.entries WHERE subject_key = $1 ORDER BY idx`),
    nextIndex: q('next_index', `SELECT COALESCE(MAX(idx) + 1, 0) AS next FROM ${s}.entries`),
    insertEntries: q('insert_entries', `INSERT INTO ${s}.entries (${cols})
      SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::text[], $5::bytea[], $6::bigint[], $7::text[])`),
    upsertNodes: q('upsert_nodes', `INSERT INTO ${s}.nodes (level, idx, hash)
      SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])
      ON CONFLICT (level, idx) DO UPDATE SET hash = EXCLUDED.hash`),
    upsertStatuses: q('upsert_statuses', `INSERT INTO ${s}.statuses (idx, state, head, reason, since)
      SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::bigint[], $4::bigint[], $5::bigint[])
      ON CONFLICT (idx) DO UPDATE SET state = EXCLUDED.state, head = EXCLUDED.head, reason = EXCLUDED.reason, since = EXCLUDED.since`),
    upsertKey: q('upsert_key', `INSERT INTO ${s}.key_revocations (did, from_idx, idx) VALUES ($1, $2, $3)
      ON CONFLICT (did) DO UPDATE SET from_idx = EXCLUDED.from_idx, idx = EXCLUDED.idx`),
    insertCheckpoint: q('insert_checkpoint', `INSERT INTO ${s}.checkpoints (size, note) VALUES ($1, $2)`),
  }
}
type Statements = ReturnType<typeof statements>
type Named = Statements[keyof Statements]

/** Reads through `run`, which the store sends to the pool and a transaction to its client. */
abstract class PostgresReader implements StoreReader {
  constructor(protected readonly sql: Statements) {}

  protected abstract run<R extends pg.QueryResultRow>(what: string, q: Named, values?: unknown[]): Promise<R[]>

  async size(): Promise<number> {
    const [row] = await this.run<{ size: Int }>('size', this.sql.latest)
    return row === undefined ? 0 : num(row.size)
  }

  async latestCheckpoint(): Promise<string | undefined> {
    const [row] = await this.run<{ note: string }>('latestCheckpoint', this.sql.latest)
    return row?.note
  }

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    if (ids.length === 0) return []
    const rows = await this.run<{ level: number; idx: Int; hash: Uint8Array }>(
      'getNodes', this.sql.nodes, [ids.map((id) => id.level), ids.map((id) => id.index)])
    const found = new Map(rows.map((r) => [`${r.level}/${num(r.idx)}`, r.hash]))
    return ids.map((id) => {
      const hash = found.get(`${id.level}/${id.index}`)
      if (hash === undefined) throw new CounterfoilError('ERR_STORE', `missing tree node ${id.level}/${id.index}`)
      return own(hash)
    })
  }

  async entries(start: number, end: number): Promise<StoredEntry[]> {
    return (await this.run<EntryRow>('entries', this.sql.entries, [start, end])).map(toEntry)
  }

  async entryByLeafHash(leafHash: Uint8Array): Promise<StoredEntry | undefined> {
    const [row] = await this.run<EntryRow>('entryByLeafHash', this.sql.byLeaf, [leafHash])
    return row === undefined ? undefined : toEntry(row)
  }

  async registrations(commitment: Uint8Array): Promise<StoredEntry[]> {
    return (await this.run<EntryRow>('registrations', this.sql.byCommitment, [commitment])).map(toEntry)
  }

  async registrationsByPrefix(prefix: Uint8Array, limit: number): Promise<StoredEntry[]> {
    if (limit <= 0) return []
    const end = prefixEnd(prefix)
    const rows = end === undefined
      ? await this.run<EntryRow>('registrationsByPrefix', this.sql.byPrefixFrom, [prefix, limit])
      : await this.run<EntryRow>('registrationsByPrefix', this.sql.byPrefix, [prefix, end, limit])
    return rows.map(toEntry)
  }

  async status(index: number): Promise<StatusRow | undefined> {
    const [row] = await this.run<StatusDbRow>('status', this.sql.status, [index])
    return row === undefined ? undefined : toStatus(row)
  }

  async nonValidStatuses(): Promise<StatusRow[]> {
    return (await this.run<StatusDbRow>('nonValidStatuses', this.sql.nonValid)).map(toStatus)
  }

  async keyRevocation(did: string): Promise<KeyRevocationRow | undefined> {
    const [row] = await this.run<KeyDbRow>('keyRevocation', this.sql.key, [did])
    return row === undefined ? undefined : toKey(row)
  }

  async keyRevocations(): Promise<KeyRevocationRow[]> {
    return (await this.run<KeyDbRow>('keyRevocations', this.sql.keys)).map(toKey)
  }

  async keyEntries(did: string): Promise<StoredEntry[]> {
    return (await this.run<EntryRow>('keyEntries', this.sql.byKey, [did])).map(toEntry)
  }
}

/**
 * One transaction on one client; unusable after it ends or after a database error.
 *
 * Status rows are written behind: `putStatus` only records the row, and the pending rows go to the
 * database as one statement before the transaction's next query or its commit (a sequencing round
 * upserts one status per registration; one round trip each would dominate the transaction).
 */
class PostgresTx extends PostgresReader implements StoreTx {
  #live = true
  /** The first database error: PostgreSQL has aborted the transaction, so it must not "commit". */
  failure: unknown
  #next: number | undefined
  readonly #statuses = new Map<number, StatusRow>()

  constructor(sql: Statements, private readonly client: pg.PoolClient) {
    super(sql)
  }

  end(): void {
    this.#live = false
  }

  #assertUsable(what: string): void {
    if (!this.#live) throw new CounterfoilError('ERR_STORE', 'postgres store: transaction already finished')
    if (this.failure !== undefined) throw storeError(`${what} (transaction aborted by an earlier error)`, this.failure)
  }

  protected async run<R extends pg.QueryResultRow>(what: string, q: Named, values?: unknown[]): Promise<R[]> {
    this.#assertUsable(what)
    if (q !== this.sql.upsertStatuses) await this.flush()
    try {
      return (await this.client.query<R>({ ...q, ...(values === undefined ? {} : { values }) })).rows
    } catch (e) {
      this.failure ??= e
      throw storeError(what, e)
    }
  }

  async putEntries(entries: readonly StoredEntry[]): Promise<void> {
    const next = this.#next ?? num((await this.run<{ next: Int }>('putEntries', this.sql.nextIndex))[0]!.next)
    entries.forEach((e, i) => {
      if (e.index !== next + i) throw new CounterfoilError('ERR_STORE', `entry ${e.index} out of sequence (expected ${next + i})`)
    })
    for (let i = 0; i < entries.length; i += BATCH) {
      const chunk = entries.slice(i, i + BATCH)
      await this.run('putEntries', this.sql.insertEntries, [
        chunk.map((e) => e.index), chunk.map((e) => e.bytes), chunk.map((e) => e.leafHash), chunk.map((e) => e.kind),
        chunk.map((e) => e.commitment ?? null), chunk.map((e) => e.target ?? null), chunk.map((e) => e.subjectKey ?? null),
      ])
    }
    this.#next = next + entries.length
  }

  async putNodes(nodes: readonly StoredNodeRow[]): Promise<void> {
    // ON CONFLICT DO UPDATE may touch a row once per statement: keep the last of duplicate ids.
    const unique = [...new Map(nodes.map((n) => [`${n.id.level}/${n.id.index}`, n])).values()]
    for (let i = 0; i < unique.length; i += BATCH) {
      const chunk = unique.slice(i, i + BATCH)
      await this.run('putNodes', this.sql.upsertNodes, [chunk.map((n) => n.id.level), chunk.map((n) => n.id.index), chunk.map((n) => n.hash)])
    }
  }

  async putStatus(row: StatusRow): Promise<void> {
    this.#assertUsable('putStatus')
    this.#statuses.set(row.index, row)
    if (this.#statuses.size >= BATCH) await this.flush()
  }

  /** Writes the pending status rows (one upsert statement); the store calls it before COMMIT. */
  async flush(): Promise<void> {
    if (this.#statuses.size === 0) return
    const rows = [...this.#statuses.values()]
    this.#statuses.clear()
    await this.run('putStatus', this.sql.upsertStatuses, [
      rows.map((r) => r.index), rows.map((r) => r.state), rows.map((r) => r.head), rows.map((r) => r.reason), rows.map((r) => r.since),
    ])
  }

  async putKeyRevocation(row: KeyRevocationRow): Promise<void> {
    await this.run('putKeyRevocation', this.sql.upsertKey, [row.did, row.from, row.index])
  }

  async putCheckpoint(size: number, note: string): Promise<void> {
    await this.run('putCheckpoint', this.sql.insertCheckpoint, [size, note])
  }
}

class PostgresStore extends PostgresReader implements Store {
  readonly #turns = new Turns()
  #closed = false
  /** One round trip: begin, make the commit durable even if the server defaults otherwise, take turns. */
  readonly #begin: string

  constructor(sql: Statements, private readonly pool: pg.Pool, lockId: number) {
    super(sql)
    this.#begin = `BEGIN;
      SELECT set_config('synchronous_commit', 'on', true) WHERE current_setting('synchronous_commit') = 'off';
      SELECT pg_advisory_xact_lock(${SEQUENCE_LOCK}, ${lockId});`
  }

  protected async run<R extends pg.QueryResultRow>(what: string, q: Named, values?: unknown[]): Promise<R[]> {
    if (this.#closed) throw new CounterfoilError('ERR_STORE', 'postgres store: closed')
    try {
      return (await this.pool.query<R>({ ...q, ...(values === undefined ? {} : { values }) })).rows
    } catch (e) {
      throw storeError(what, e)
    }
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#turns.take(() => this.#run(fn))
  }

  async #run<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.#closed) throw new CounterfoilError('ERR_STORE', 'postgres store: closed')
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (e) {
      throw storeError('connect', e)
    }
    // A checked-out client that loses its connection emits 'error'; unhandled, that would crash.
    let lost: Error | undefined
    const onError = (e: Error): void => { lost ??= e }
    client.on('error', onError)
    const tx = new PostgresTx(this.sql, client)
    try {
      try {
        await client.query(this.#begin)
      } catch (e) {
        lost ??= e instanceof Error ? e : new Error(String(e))
        throw storeError('BEGIN', e)
      }
      let result: T
      try {
        result = await fn(tx)
        await tx.flush()
      } catch (e) {
        tx.end()
        await client.query('ROLLBACK').catch((r: unknown) => { lost ??= r instanceof Error ? r : new Error(String(r)) })
        throw e
      }
      tx.end()
      if (tx.failure !== undefined) {
        await client.query('ROLLBACK').catch((r: unknown) => { lost ??= r instanceof Error ? r : new Error(String(r)) })
        throw storeError('transaction (rolled back after an earlier database error)', tx.failure)
      }
      let done: pg.QueryResult
      try {
        done = await client.query('COMMIT')
      } catch (e) {
        lost ??= e instanceof Error ? e : new Error(String(e))
        throw storeError('COMMIT', e)
      }
      if (done.command !== 'COMMIT') throw new CounterfoilError('ERR_STORE', `postgres store: COMMIT answered ${done.command}`)
      return result
    } finally {
      client.off('error', onError)
      client.release(lost) // a client that failed outside a statement is discarded, not reused
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    await this.#turns.idle()
    this.#closed = true
    await this.pool.end()
  }
}

/** Creates the schema and applies pending migrations, one server at a time. */
async function migrate(pool: pg.Pool, schema: string, lockId: number): Promise<void> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATION_LOCK, lockId])
    // Check first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA "${schema}"`)
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".schema_version (version INTEGER NOT NULL)`)
    const rows = (await client.query<{ version: number }>(`SELECT version FROM "${schema}".schema_version`)).rows
    const version = rows[0]?.version ?? 0
    if (version > MIGRATIONS.length) {
      throw new CounterfoilError('ERR_STORE', `postgres store: schema version ${version} is newer than this counterfoil (${MIGRATIONS.length})`)
    }
    for (const sql of MIGRATIONS.slice(version)) await client.query(sql.replaceAll('{schema}', `"${schema}"`))
    if (rows.length === 0) await client.query(`INSERT INTO "${schema}".schema_version VALUES ($1)`, [MIGRATIONS.length])
    else await client.query(`UPDATE "${schema}".schema_version SET version = $1`, [MIGRATIONS.length])
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK').catch((r: unknown) => { broken = r instanceof Error ? r : new Error(String(r)) })
    throw e
  } finally {
    client.release(broken)
  }
}

/**
 * Opens a registry store in PostgreSQL, creating its schema and tables if missing. Several
 * processes may open the same database and schema at once: they share one log.
 *
 * @param config - a connection string (`postgres://user:pass@host:5432/db`) or a `pg.PoolConfig`;
 *   the store owns the pool it makes and ends it on `close()`
 * @param options - see {@link PostgresStoreOptions}
 * @returns an open {@link Store}
 * @throws CounterfoilError `ERR_STORE` (with `cause`) if the database cannot be reached or
 *   migrated, or its schema is newer than this version; TypeError for a bad `schema` name
 * @example
 * ```ts
 * import { postgresStore } from 'counterfoil/registry/postgres'
 * const store = await postgresStore(process.env.DATABASE_URL!, { schema: 'registry' })
 * const registry = await createRegistry({ store, signer, name: 'registry.example' })
 * ```
 */
export async function postgresStore(config: string | pg.PoolConfig, options: PostgresStoreOptions = {}): Promise<Store> {
  const schema = options.schema ?? 'counterfoil'
  if (typeof schema !== 'string' || !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`"schema" expected a lower-case SQL identifier ([a-z_][a-z0-9_]*, ≤ 63 chars), got ${JSON.stringify(schema)}`)
  }
  const pool = new pg.Pool(typeof config === 'string' ? { connectionString: config } : config)
  // An idle pooled client whose connection drops emits 'error' on the pool; the pool discards it.
  pool.on('error', () => {})
  const lockId = schemaLockId(schema)
  try {
    await migrate(pool, schema, lockId)
  } catch (e) {
    await pool.end().catch(() => {})
    throw storeError(`opening schema "${schema}"`, e)
  }
  return new PostgresStore(statements(schema), pool, lockId)
}
