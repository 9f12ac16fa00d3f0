/**
 * An in-memory {@link Store}: for tests, browsers and short-lived demos. Nothing survives the
 * process. Transactions stage their writes and apply them only on success, one at a time.
 */
import { toHex } from '../../codec/bytes.js'
import { CounterfoilError } from '../../errors.js'
import type { NodeId } from '../log/node-ids.js'
import type { KeyRevocationRow, StatusRow, Store, StoredEntry, StoredNodeRow, StoreReader, StoreTx } from './interface.js'

interface State {
  entries: StoredEntry[]
  byLeaf: Map<string, StoredEntry>
  byCommitment: Map<string, StoredEntry[]>
  nodes: Map<string, Uint8Array>
  statuses: Map<number, StatusRow>
  keys: Map<string, KeyRevocationRow>
  byKey: Map<string, StoredEntry[]>
  checkpoint: { size: number; note: string } | undefined
}

const nodeKey = (id: NodeId): string => `${id.level}/${id.index}`

function comparePrefix(c: Uint8Array, prefix: Uint8Array): boolean {
  for (let i = 0; i < prefix.length; i++) if (c[i] !== prefix[i]) return false
  return true
}

/** `reg` entries among `entries` whose commitment starts with `prefix`, at most `limit` (0 gives none). */
function matchingPrefix(entries: readonly StoredEntry[], prefix: Uint8Array, limit: number): StoredEntry[] {
  const out: StoredEntry[] = []
  for (const e of entries) {
    if (out.length >= limit) break
    if (e.commitment !== undefined && comparePrefix(e.commitment, prefix)) out.push(e)
  }
  return out
}

const byIndex = (a: { index: number }, b: { index: number }): number => a.index - b.index

class Reader implements StoreReader {
  constructor(protected readonly state: State) {}

  async size(): Promise<number> {
    return this.state.checkpoint?.size ?? 0
  }

  async latestCheckpoint(): Promise<string | undefined> {
    return this.state.checkpoint?.note
  }

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return ids.map((id) => {
      const hash = this.state.nodes.get(nodeKey(id))
      if (hash === undefined) throw new CounterfoilError('ERR_STORE', `missing tree node ${nodeKey(id)}`)
      return hash
    })
  }

  async entries(start: number, end: number): Promise<StoredEntry[]> {
    return this.state.entries.slice(start, end)
  }

  async entryByLeafHash(leafHash: Uint8Array): Promise<StoredEntry | undefined> {
    return this.state.byLeaf.get(toHex(leafHash))
  }

  async registrations(commitment: Uint8Array): Promise<StoredEntry[]> {
    return [...(this.state.byCommitment.get(toHex(commitment)) ?? [])]
  }

  async registrationsByPrefix(prefix: Uint8Array, limit: number): Promise<StoredEntry[]> {
    return matchingPrefix(this.state.entries, prefix, limit)
  }

  async status(index: number): Promise<StatusRow | undefined> {
    return this.state.statuses.get(index)
  }

  async nonValidStatuses(): Promise<StatusRow[]> {
    return [...this.state.statuses.values()].filter((s) => s.state !== 0).sort(byIndex)
  }

  async keyRevocation(did: string): Promise<KeyRevocationRow | undefined> {
    return this.state.keys.get(did)
  }

  async keyRevocations(): Promise<KeyRevocationRow[]> {
    return [...this.state.keys.values()]
  }

  async keyEntries(did: string): Promise<StoredEntry[]> {
    return [...(this.state.byKey.get(did) ?? [])]
  }
}

/** Collects writes; {@link apply} makes them visible. Reads see the base state plus its own writes. */
class Tx extends Reader implements StoreTx {
  readonly #base: State
  readonly #entries: StoredEntry[] = []
  readonly #byLeaf = new Map<string, StoredEntry>()
  readonly #nodes: StoredNodeRow[] = []
  readonly #statuses = new Map<number, StatusRow>()
  readonly #keys = new Map<string, KeyRevocationRow>()
  #checkpoint: { size: number; note: string } | undefined

  constructor(base: State) {
    super(base)
    this.#base = base
  }

  override async size(): Promise<number> {
    return this.#checkpoint?.size ?? super.size()
  }

  override async latestCheckpoint(): Promise<string | undefined> {
    return this.#checkpoint?.note ?? super.latestCheckpoint()
  }

  override async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    const staged = new Map(this.#nodes.map((n) => [nodeKey(n.id), n.hash]))
    const missing = ids.filter((id) => !staged.has(nodeKey(id)))
    const found = await super.getNodes(missing)
    missing.forEach((id, i) => staged.set(nodeKey(id), found[i]!))
    return ids.map((id) => staged.get(nodeKey(id))!)
  }

  override async entries(start: number, end: number): Promise<StoredEntry[]> {
    const committed = this.#base.entries.length // slice each side: never copy the whole log
    return [...this.#base.entries.slice(start, Math.min(end, committed)), ...this.#entries.slice(Math.max(0, start - committed), Math.max(0, end - committed))]
  }

  override async entryByLeafHash(leafHash: Uint8Array): Promise<StoredEntry | undefined> {
    return this.#byLeaf.get(toHex(leafHash)) ?? super.entryByLeafHash(leafHash)
  }

  override async registrations(commitment: Uint8Array): Promise<StoredEntry[]> {
    const key = toHex(commitment)
    return [...(await super.registrations(commitment)), ...this.#entries.filter((e) => e.commitment !== undefined && toHex(e.commitment) === key)]
  }

  override async registrationsByPrefix(prefix: Uint8Array, limit: number): Promise<StoredEntry[]> {
    const committed = await super.registrationsByPrefix(prefix, limit)
    return [...committed, ...matchingPrefix(this.#entries, prefix, limit - committed.length)]
  }

  override async status(index: number): Promise<StatusRow | undefined> {
    return this.#statuses.get(index) ?? super.status(index)
  }

  override async nonValidStatuses(): Promise<StatusRow[]> {
    const merged = new Map(this.#base.statuses)
    for (const [k, v] of this.#statuses) merged.set(k, v)
    return [...merged.values()].filter((s) => s.state !== 0).sort(byIndex)
  }

  override async keyRevocation(did: string): Promise<KeyRevocationRow | undefined> {
    return this.#keys.get(did) ?? super.keyRevocation(did)
  }

  override async keyEntries(did: string): Promise<StoredEntry[]> {
    return [...(await super.keyEntries(did)), ...this.#entries.filter((e) => e.subjectKey === did)]
  }

  override async keyRevocations(): Promise<KeyRevocationRow[]> {
    const merged = new Map(this.#base.keys)
    for (const [k, v] of this.#keys) merged.set(k, v)
    return [...merged.values()]
  }

  async putEntries(entries: readonly StoredEntry[]): Promise<void> {
    // Checked whole before any is staged, like the databases' UNIQUE index and sequence checks.
    const next = this.#base.entries.length + this.#entries.length
    const keys = new Map<string, StoredEntry>()
    for (const [i, e] of entries.entries()) {
      if (e.index !== next + i) throw new CounterfoilError('ERR_STORE', `entry ${e.index} out of sequence`)
      const key = toHex(e.leafHash)
      if (keys.has(key) || this.#byLeaf.has(key) || this.#base.byLeaf.has(key)) {
        throw new CounterfoilError('ERR_STORE', `duplicate leaf hash at entry ${e.index}`)
      }
      keys.set(key, e)
    }
    this.#entries.push(...entries)
    for (const [k, e] of keys) this.#byLeaf.set(k, e)
  }

  async putNodes(nodes: readonly StoredNodeRow[]): Promise<void> {
    this.#nodes.push(...nodes)
  }

  async putStatus(row: StatusRow): Promise<void> {
    this.#statuses.set(row.index, row)
  }

  async putKeyRevocation(row: KeyRevocationRow): Promise<void> {
    this.#keys.set(row.did, row)
  }

  async putCheckpoint(size: number, note: string): Promise<void> {
    // The latest checkpoint is the largest tree (the last written among equals), as in SQL's
    // ORDER BY size DESC, id DESC.
    const current = this.#checkpoint ?? this.#base.checkpoint
    if (current === undefined || size >= current.size) this.#checkpoint = { size, note }
  }

  /** Applies the staged writes to the base state (synchronously, so readers never see half). */
  apply(): void {
    const base = this.#base
    for (const e of this.#entries) {
      base.entries.push(e)
      base.byLeaf.set(toHex(e.leafHash), e)
      if (e.commitment !== undefined) {
        const key = toHex(e.commitment)
        const list = base.byCommitment.get(key)
        if (list === undefined) base.byCommitment.set(key, [e])
        else list.push(e)
      }
      if (e.subjectKey !== undefined) {
        const list = base.byKey.get(e.subjectKey)
        if (list === undefined) base.byKey.set(e.subjectKey, [e])
        else list.push(e)
      }
    }
    for (const n of this.#nodes) base.nodes.set(nodeKey(n.id), n.hash)
    for (const [k, v] of this.#statuses) base.statuses.set(k, v)
    for (const [k, v] of this.#keys) base.keys.set(k, v)
    if (this.#checkpoint !== undefined) base.checkpoint = this.#checkpoint
  }
}

class MemoryStore extends Reader implements Store {
  #tail: Promise<unknown> = Promise.resolve()

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const tx = new Tx(this.state)
      const result = await fn(tx)
      tx.apply()
      return result
    }
    const result = this.#tail.then(run, run)
    this.#tail = result.catch(() => undefined)
    return result
  }

  async close(): Promise<void> {}
}

/**
 * Creates an empty in-memory store.
 *
 * @returns a {@link Store} that forgets everything when the process ends
 * @example
 * ```ts
 * const registry = await createRegistry({ store: memoryStore(), signer, name: 'test.example' })
 * ```
 */
export function memoryStore(): Store {
  return new MemoryStore({
    entries: [], byLeaf: new Map(), byCommitment: new Map(), nodes: new Map(), statuses: new Map(), keys: new Map(), byKey: new Map(), checkpoint: undefined,
  })
}
