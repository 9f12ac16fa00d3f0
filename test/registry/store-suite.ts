// The Store contract as one behavioural suite: every store (memory, SQLite, PostgreSQL) must pass
// it unchanged. `makeStore` returns a fresh, empty store; the suite closes it after each test.
import { sha256 } from '@noble/hashes/sha2.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NodeId } from '../../src/registry/log/node-ids.js'
import type { EntryKind, KeyRevocationRow, StatusRow, Store, StoredEntry, StoredNodeRow } from '../../src/registry/store/interface.js'

const text = new TextEncoder()

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/** RFC 9162 leaf hash: SHA-256(0x00 ‖ entry). */
const leafHashOf = (bytes: Uint8Array): Uint8Array => sha256(concatBytes(Uint8Array.of(0), bytes))

/** A 32-byte commitment whose first bytes are `prefix` (the rest derived from `seed`). */
export function commitmentWithPrefix(prefix: readonly number[], seed: string): Uint8Array {
  const c = sha256(text.encode(`counterfoil/v1/commitment\0${seed}`))
  c.set(prefix)
  return c
}

/**
 * A stored entry with realistic columns: stand-in entry bytes (a small CBOR-like map, unique per
 * index and fields), its 32-byte leaf hash, and the indexed column its kind carries.
 */
export function makeEntry(index: number, kind: EntryKind = 'reg', fields: { commitment?: Uint8Array; target?: number; subjectKey?: string } = {}): StoredEntry {
  const commitment = kind === 'reg' ? (fields.commitment ?? commitmentWithPrefix([], `record ${index}`)) : undefined
  const target = kind !== 'reg' && kind !== 'revoke-key' && kind !== 'succession' ? (fields.target ?? 0) : undefined
  const subjectKey = kind === 'revoke-key' || kind === 'succession' ? (fields.subjectKey ?? `did:key:z6MkIssuer${index}`) : undefined
  const body = JSON.stringify({ t: kind, i: index, c: commitment === undefined ? undefined : [...commitment], target, subjectKey })
  const bytes = concatBytes(Uint8Array.of(0xa4, 0x61, 0x74), text.encode(body))
  return {
    index, bytes, leafHash: leafHashOf(bytes), kind,
    ...(commitment === undefined ? {} : { commitment }),
    ...(target === undefined ? {} : { target }),
    ...(subjectKey === undefined ? {} : { subjectKey }),
  }
}

/** `count` registrations from `start`. */
export const regs = (start: number, count: number): StoredEntry[] => Array.from({ length: count }, (_, i) => makeEntry(start + i))

const nodeHash = (id: NodeId): Uint8Array => sha256(text.encode(`node ${id.level}/${id.index}`))
const node = (level: number, index: number): StoredNodeRow => ({ id: { level, index }, hash: nodeHash({ level, index }) })

/** Appends `entries` and a checkpoint for the new size in one transaction. */
export async function append(store: Store, entries: readonly StoredEntry[]): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.putEntries(entries)
    await tx.putCheckpoint(entries.at(-1)!.index + 1, `checkpoint ${entries.at(-1)!.index + 1}`)
  })
}

const storeError = { name: 'CounterfoilError', code: 'ERR_STORE' }

const hex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString('hex'))

/** An entry as plain strings: deep-equal on thousands of typed arrays is slow, strings are not. */
const summary = (e: StoredEntry): unknown => ({
  ...e, bytes: hex(e.bytes), leafHash: hex(e.leafHash), commitment: hex(e.commitment), proto: Object.getPrototypeOf(e.bytes) === Uint8Array.prototype,
})

/** Resolves when `release` is called: lets a test hold a transaction open. */
function gate(): { wait: Promise<void>; release: () => void } {
  let release!: () => void
  const wait = new Promise<void>((r) => { release = r })
  return { wait, release }
}

/**
 * Registers the Store contract tests for one store implementation.
 *
 * @param name - shown in the test names
 * @param makeStore - returns a fresh, empty store for each test; the suite closes it afterwards
 * @returns nothing; registers a vitest `describe` block
 * @example
 * ```ts
 * describeStore('memoryStore', async () => memoryStore())
 * ```
 */
export function describeStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => { store = await makeStore() })
    afterEach(async () => { await store.close() })

    it('answers an empty store', async () => {
      expect(await store.size()).toBe(0)
      expect(await store.latestCheckpoint()).toBeUndefined()
      expect(await store.entries(0, 10)).toEqual([])
      expect(await store.entryByLeafHash(new Uint8Array(32))).toBeUndefined()
      expect(await store.registrations(new Uint8Array(32))).toEqual([])
      expect(await store.registrationsByPrefix(Uint8Array.of(0), 10)).toEqual([])
      expect(await store.registrationsByPrefix(Uint8Array.of(0xff), 10)).toEqual([])
      expect(await store.status(0)).toBeUndefined()
      expect(await store.nonValidStatuses()).toEqual([])
      expect(await store.keyRevocation('did:key:z6MkNobody')).toBeUndefined()
      expect(await store.keyRevocations()).toEqual([])
      expect(await store.getNodes([])).toEqual([])
      await expect(store.getNodes([{ level: 0, index: 0 }])).rejects.toMatchObject(storeError)
    })

    it('keeps entries in sequence and reads them back by range, leaf hash and commitment', async () => {
      const shared = commitmentWithPrefix([0x42], 'same record registered twice')
      const first = [makeEntry(0), makeEntry(1, 'reg', { commitment: shared }), makeEntry(2, 'suspend', { target: 1 })]
      const second = [makeEntry(3, 'reinstate', { target: 1 }), makeEntry(4, 'reg', { commitment: shared }), makeEntry(5, 'revoke-key', { subjectKey: 'did:key:z6MkCompromised' }), makeEntry(6, 'withdraw', { target: 4 }), makeEntry(7, 'revoke', { target: 0 })]
      await append(store, first)
      await store.transaction(async (tx) => {
        await tx.putEntries(second.slice(0, 2)) // several calls in one transaction continue the sequence
        await tx.putEntries(second.slice(2))
        await tx.putCheckpoint(8, 'checkpoint 8')
      })
      const all = [...first, ...second]
      expect(await store.size()).toBe(8)
      expect(await store.entries(0, 8)).toEqual(all)
      expect(await store.entries(2, 5)).toEqual(all.slice(2, 5))
      expect(await store.entries(6, 100)).toEqual(all.slice(6))
      expect(await store.entries(8, 20)).toEqual([])
      for (const e of all) expect(await store.entryByLeafHash(e.leafHash)).toEqual(e)
      expect(await store.entryByLeafHash(sha256(text.encode('never logged')))).toBeUndefined()
      expect(await store.registrations(shared)).toEqual([all[1], all[4]])
      expect(await store.registrations(all[0]!.commitment!)).toEqual([all[0]])
      // Optional columns come back only where set.
      const [suspend] = await store.entries(2, 3)
      expect(suspend).not.toHaveProperty('commitment')
      expect(suspend).not.toHaveProperty('subjectKey')
      expect(suspend!.target).toBe(1)
      const [revokeKey] = await store.entries(5, 6)
      expect(revokeKey!.subjectKey).toBe('did:key:z6MkCompromised')
      expect(revokeKey).not.toHaveProperty('target')
      expect((await store.entries(0, 1))[0]!.bytes).toBeInstanceOf(Uint8Array)
    })

    it('refuses out-of-sequence entries with ERR_STORE and keeps nothing of that transaction', async () => {
      await expect(store.transaction((tx) => tx.putEntries([makeEntry(1)]))).rejects.toMatchObject(storeError)
      await expect(store.transaction((tx) => tx.putEntries([makeEntry(0), makeEntry(2)]))).rejects.toMatchObject(storeError)
      expect(await store.entries(0, 10)).toEqual([])
      await append(store, regs(0, 2))
      await expect(store.transaction((tx) => tx.putEntries([makeEntry(1)]))).rejects.toMatchObject(storeError)
      await expect(store.transaction(async (tx) => {
        await tx.putEntries([makeEntry(2)])
        await tx.putEntries([makeEntry(4)])
      })).rejects.toMatchObject(storeError)
      expect(await store.entries(0, 10)).toEqual(regs(0, 2))
      expect(await store.size()).toBe(2)
    })

    it("hides a transaction's writes from the store's readers until it commits", async () => {
      await append(store, regs(0, 1))
      const before = { size: 1, entries: regs(0, 1) }
      const fresh = makeEntry(1, 'revoke', { target: 0 })
      const open = gate()
      const written = gate()
      const done = store.transaction(async (tx) => {
        await tx.putEntries([fresh, makeEntry(2, 'revoke-key', { subjectKey: 'did:key:z6MkLeaked' })])
        await tx.putNodes([node(0, 0), node(0, 1)])
        await tx.putStatus({ index: 0, state: 2, head: 1, reason: 1, since: 1_700_000_000 })
        await tx.putKeyRevocation({ did: 'did:key:z6MkLeaked', from: 0, index: 2 })
        await tx.putCheckpoint(3, 'checkpoint 3')
        // The transaction sees its own writes.
        expect(await tx.size()).toBe(3)
        expect(await tx.latestCheckpoint()).toBe('checkpoint 3')
        expect(await tx.entries(0, 3)).toEqual([...regs(0, 1), fresh, makeEntry(2, 'revoke-key', { subjectKey: 'did:key:z6MkLeaked' })])
        expect(await tx.entryByLeafHash(fresh.leafHash)).toEqual(fresh)
        expect(await tx.status(0)).toMatchObject({ state: 2 })
        expect(await tx.keyRevocation('did:key:z6MkLeaked')).toMatchObject({ from: 0 })
        expect(await tx.getNodes([{ level: 0, index: 1 }])).toEqual([nodeHash({ level: 0, index: 1 })])
        written.release()
        await open.wait
        return 'committed'
      })
      await written.wait
      // Outside, nothing of it yet.
      expect(await store.size()).toBe(before.size)
      expect(await store.latestCheckpoint()).toBe('checkpoint 1')
      expect(await store.entries(0, 10)).toEqual(before.entries)
      expect(await store.entryByLeafHash(fresh.leafHash)).toBeUndefined()
      expect(await store.status(0)).toBeUndefined()
      expect(await store.nonValidStatuses()).toEqual([])
      expect(await store.keyRevocation('did:key:z6MkLeaked')).toBeUndefined()
      expect(await store.keyRevocations()).toEqual([])
      await expect(store.getNodes([{ level: 0, index: 0 }])).rejects.toMatchObject(storeError)
      open.release()
      expect(await done).toBe('committed')
      // After commit, all of it.
      expect(await store.size()).toBe(3)
      expect(await store.latestCheckpoint()).toBe('checkpoint 3')
      expect(await store.entryByLeafHash(fresh.leafHash)).toEqual(fresh)
      expect(await store.status(0)).toEqual({ index: 0, state: 2, head: 1, reason: 1, since: 1_700_000_000 })
      expect(await store.keyRevocations()).toEqual([{ did: 'did:key:z6MkLeaked', from: 0, index: 2 }])
      expect(await store.getNodes([{ level: 0, index: 1 }, { level: 0, index: 0 }])).toEqual([nodeHash({ level: 0, index: 1 }), nodeHash({ level: 0, index: 0 })])
    })

    it('rolls back everything when fn throws, and rethrows its error', async () => {
      await store.transaction(async (tx) => {
        await tx.putEntries(regs(0, 2))
        await tx.putNodes([node(0, 0), node(0, 1), node(1, 0)])
        await tx.putStatus({ index: 0, state: 0, head: 0, reason: 0, since: 1_700_000_000 })
        await tx.putKeyRevocation({ did: 'did:key:z6MkOld', from: 1, index: 1 })
        await tx.putCheckpoint(2, 'checkpoint 2')
      })
      const boom = new Error('fn failed')
      await expect(store.transaction(async (tx) => {
        await tx.putEntries([makeEntry(2, 'revoke', { target: 0 }), makeEntry(3)])
        await tx.putNodes([node(0, 2), node(0, 3), node(1, 1), node(2, 0)])
        await tx.putStatus({ index: 0, state: 2, head: 2, reason: 4, since: 1_800_000_000 })
        await tx.putStatus({ index: 3, state: 0, head: 3, reason: 0, since: 1_800_000_000 })
        await tx.putKeyRevocation({ did: 'did:key:z6MkOld', from: 0, index: 3 })
        await tx.putKeyRevocation({ did: 'did:key:z6MkNew', from: 3, index: 3 })
        await tx.putCheckpoint(4, 'checkpoint 4')
        throw boom
      })).rejects.toBe(boom)
      expect(await store.size()).toBe(2)
      expect(await store.latestCheckpoint()).toBe('checkpoint 2')
      expect(await store.entries(0, 10)).toEqual(regs(0, 2))
      expect(await store.entryByLeafHash(makeEntry(3).leafHash)).toBeUndefined()
      expect(await store.status(0)).toEqual({ index: 0, state: 0, head: 0, reason: 0, since: 1_700_000_000 })
      expect(await store.status(3)).toBeUndefined()
      expect(await store.nonValidStatuses()).toEqual([])
      expect(await store.keyRevocations()).toEqual([{ did: 'did:key:z6MkOld', from: 1, index: 1 }])
      await expect(store.getNodes([{ level: 2, index: 0 }])).rejects.toMatchObject(storeError)
      // And the store still works.
      await append(store, [makeEntry(2)])
      expect(await store.size()).toBe(3)
    })

    it('finds registrations by commitment prefix (1–4 bytes, 0xff edges) in log order, up to a limit', async () => {
      const prefixes = [
        [0xff, 0xff, 0xff, 0xff], [0xff, 0xff, 0xff, 0xfe], [0xff, 0xff, 0x00], [0xff, 0xfe, 0xff], [0xff, 0x00], [0xfe, 0xff, 0xff],
        [0x00, 0x00, 0x00, 0x00], [0x00, 0xff], [0x01, 0x00], [0x12, 0x34, 0x56, 0x78], [0x12, 0x34, 0x56, 0x79], [0x12, 0x35], [0x7f, 0xff, 0xff, 0xff], [0x80],
      ]
      const entries: StoredEntry[] = []
      for (let round = 0; round < 3; round++) {
        for (const p of prefixes) {
          entries.push(makeEntry(entries.length, 'reg', { commitment: commitmentWithPrefix(p, `${round}/${p.join('.')}`) }))
          if (entries.length % 5 === 0) entries.push(makeEntry(entries.length, 'suspend', { target: entries.length - 1 }))
        }
      }
      await append(store, entries)
      const brute = (prefix: readonly number[], limit: number): StoredEntry[] => entries
        .filter((e) => e.commitment !== undefined && prefix.every((b, i) => e.commitment![i] === b))
        .slice(0, limit)
      const queries = [
        [0xff], [0xff, 0xff], [0xff, 0xff, 0xff], [0xff, 0xff, 0xff, 0xff], [0xff, 0xff, 0xff, 0xfe], [0xff, 0xfe], [0xfe], [0xfe, 0xff],
        [0x00], [0x00, 0x00, 0x00, 0x00], [0x00, 0xff], [0x01], [0x12, 0x34, 0x56], [0x12, 0x34, 0x56, 0x78], [0x12, 0x35], [0x7f], [0x7f, 0xff, 0xff, 0xff], [0x80], [0x81], [0x33, 0x44],
      ]
      for (const q of queries) {
        const prefix = Uint8Array.from(q)
        for (const limit of [1, 2, 1000]) {
          const got = await store.registrationsByPrefix(prefix, limit)
          expect({ prefix: q, limit, got: got.map((e) => e.index) }).toEqual({ prefix: q, limit, got: brute(q, limit).map((e) => e.index) })
        }
      }
      expect((await store.registrationsByPrefix(Uint8Array.of(0xff), 1000)).length).toBe(15) // 5 prefixes starting 0xff, 3 rounds
      expect(await store.registrationsByPrefix(Uint8Array.of(0x12, 0x34, 0x56, 0x78), 10)).toEqual(brute([0x12, 0x34, 0x56, 0x78], 10))
    })

    it('upserts statuses and lists the non-valid ones in index order', async () => {
      await append(store, regs(0, 8))
      const row = (index: number, state: StatusRow['state'], head = index, reason = 0): StatusRow => ({ index, state, head, reason, since: 1_700_000_000 + head })
      await store.transaction(async (tx) => {
        for (const i of [5, 0, 7, 3, 1]) await tx.putStatus(row(i, 0))
      })
      expect(await store.status(3)).toEqual(row(3, 0))
      expect(await store.status(2)).toBeUndefined()
      await store.transaction(async (tx) => {
        await tx.putStatus(row(7, 3, 9, 1))
        await tx.putStatus(row(0, 1, 8, 2))
        await tx.putStatus(row(5, 2, 10, 4))
        await tx.putStatus(row(0, 2, 11, 5)) // twice in one transaction: the last wins
      })
      expect(await store.status(0)).toEqual(row(0, 2, 11, 5))
      expect(await store.nonValidStatuses()).toEqual([row(0, 2, 11, 5), row(5, 2, 10, 4), row(7, 3, 9, 1)])
      await store.transaction((tx) => tx.putStatus(row(5, 0, 12)))
      expect(await store.nonValidStatuses()).toEqual([row(0, 2, 11, 5), row(7, 3, 9, 1)])
      expect(await store.status(5)).toEqual(row(5, 0, 12))
      // Large but safe integers round-trip (seconds far in the future, big log positions).
      const big: StatusRow = { index: 6, state: 1, head: 2 ** 40, reason: 2 ** 31, since: 253_402_300_799 }
      await store.transaction((tx) => tx.putStatus(big))
      expect(await store.status(6)).toEqual(big)
    })

    it('records key revocations, one per issuer key (upsert)', async () => {
      const a: KeyRevocationRow = { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', from: 3, index: 4 }
      const b: KeyRevocationRow = { did: 'did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG', from: 0, index: 5 }
      await store.transaction(async (tx) => {
        await tx.putKeyRevocation(a)
        await tx.putKeyRevocation(b)
      })
      expect(await store.keyRevocation(a.did)).toEqual(a)
      expect(await store.keyRevocation(b.did)).toEqual(b)
      expect(await store.keyRevocation('did:key:z6MkOther')).toBeUndefined()
      const byIndex = (rows: KeyRevocationRow[]): KeyRevocationRow[] => [...rows].sort((x, y) => x.index - y.index)
      expect(byIndex(await store.keyRevocations())).toEqual([a, b])
      const a2 = { ...a, from: 1, index: 9 }
      await store.transaction((tx) => tx.putKeyRevocation(a2))
      expect(await store.keyRevocation(a.did)).toEqual(a2)
      expect(byIndex(await store.keyRevocations())).toEqual([b, a2])
    })

    it('lists the entries about a key (revoke-key, succession) in log order, inside and outside a transaction', async () => {
      const k = 'did:key:z6MkOldKey'
      const a = makeEntry(1, 'succession', { subjectKey: k })
      const other = makeEntry(2, 'succession', { subjectKey: 'did:key:z6MkOther' })
      const b = makeEntry(3, 'revoke-key', { subjectKey: k })
      await append(store, [makeEntry(0), a, other])
      expect(await store.keyEntries(k)).toEqual([a])
      await store.transaction(async (tx) => {
        await tx.putEntries([b])
        expect(await tx.keyEntries(k)).toEqual([a, b])
        expect(await store.keyEntries(k)).toEqual([a])
        await tx.putCheckpoint(4, 'checkpoint 4')
      })
      expect(await store.keyEntries(k)).toEqual([a, b])
      expect(await store.keyEntries('did:key:z6MkNobody')).toEqual([])
    })

    it('keeps checkpoint history and answers the latest', async () => {
      await append(store, regs(0, 1))
      expect(await store.latestCheckpoint()).toBe('checkpoint 1')
      await store.transaction(async (tx) => {
        await tx.putEntries(regs(1, 2))
        await tx.putCheckpoint(2, 'checkpoint 2')
        await tx.putCheckpoint(3, 'checkpoint 3')
      })
      expect(await store.size()).toBe(3)
      expect(await store.latestCheckpoint()).toBe('checkpoint 3')
      // A re-signed checkpoint for the same size (e.g. a new cosignature) replaces the answer.
      await store.transaction((tx) => tx.putCheckpoint(3, 'checkpoint 3, re-signed'))
      expect(await store.size()).toBe(3)
      expect(await store.latestCheckpoint()).toBe('checkpoint 3, re-signed')
    })

    it('returns tree nodes in the order asked, and ERR_STORE if any is missing', async () => {
      const rows = [node(0, 0), node(0, 1), node(1, 0), node(3, 5), node(20, 7), node(0, 2 ** 40), node(40, 1)]
      await store.transaction((tx) => tx.putNodes(rows))
      const ids = [rows[4]!.id, rows[0]!.id, rows[5]!.id, rows[0]!.id, rows[6]!.id, rows[2]!.id]
      expect(await store.getNodes(ids)).toEqual(ids.map(nodeHash))
      await expect(store.getNodes([rows[0]!.id, { level: 1, index: 1 }])).rejects.toMatchObject(storeError)
      await expect(store.getNodes([{ level: 1, index: 0 }, { level: 0, index: 3 }])).rejects.toMatchObject(storeError)
      // Same level and index at another level is another node.
      await expect(store.getNodes([{ level: 2, index: 0 }])).rejects.toMatchObject(storeError)
    })

    it("lets a transaction's prefix, non-valid-status and key-revocation reads see its own writes", async () => {
      const shared = [0x5a, 0x01]
      await append(store, [makeEntry(0, 'reg', { commitment: commitmentWithPrefix(shared, 'committed') })])
      await store.transaction(async (tx) => { await tx.putStatus({ index: 0, state: 1, head: 0, reason: 6, since: 1_700_000_000 }) })
      await store.transaction(async (tx) => { await tx.putKeyRevocation({ did: 'did:key:z6MkCommitted', from: 0, index: 0 }) })
      const staged = makeEntry(1, 'reg', { commitment: commitmentWithPrefix(shared, 'staged') })
      await store.transaction(async (tx) => {
        await tx.putEntries([staged])
        await tx.putStatus({ index: 1, state: 2, head: 1, reason: 1, since: 1_700_000_001 })
        await tx.putKeyRevocation({ did: 'did:key:z6MkStaged', from: 1, index: 1 })
        await tx.putKeyRevocation({ did: 'did:key:z6MkCommitted', from: 0, index: 1 }) // replaced inside the transaction
        await tx.putCheckpoint(2, 'checkpoint 2')
        expect((await tx.registrationsByPrefix(Uint8Array.from(shared), 10)).map((e) => e.index)).toEqual([0, 1])
        expect((await tx.registrationsByPrefix(Uint8Array.from(shared), 1)).map((e) => e.index)).toEqual([0])
        expect((await tx.nonValidStatuses()).map((r) => [r.index, r.state])).toEqual([[0, 1], [1, 2]])
        const keys = (await tx.keyRevocations()).map((k) => [k.did, k.index]).sort()
        expect(keys).toEqual([['did:key:z6MkCommitted', 1], ['did:key:z6MkStaged', 1]])
        await tx.putStatus({ index: 0, state: 0, head: 1, reason: 0, since: 1_700_000_001 }) // reinstated inside the transaction
        expect((await tx.nonValidStatuses()).map((r) => r.index)).toEqual([1])
      })
      expect((await store.nonValidStatuses()).map((r) => r.index)).toEqual([1])
    })

    it('answers no registrations for a prefix query with limit 0', async () => {
      await append(store, [makeEntry(0, 'reg', { commitment: commitmentWithPrefix([0x33], 'a') }), makeEntry(1, 'reg', { commitment: commitmentWithPrefix([0x33], 'b') })])
      expect(await store.registrationsByPrefix(Uint8Array.of(0x33), 0)).toEqual([])
      expect(await store.registrationsByPrefix(Uint8Array.of(0x33), 1)).toHaveLength(1)
      await store.transaction(async (tx) => {
        await tx.putEntries([makeEntry(2, 'reg', { commitment: commitmentWithPrefix([0x33], 'c') })])
        expect(await tx.registrationsByPrefix(Uint8Array.of(0x33), 0)).toEqual([])
        expect((await tx.registrationsByPrefix(Uint8Array.of(0x33), 3)).map((e) => e.index)).toEqual([0, 1, 2])
      })
    })

    it('refuses a duplicate leaf hash with ERR_STORE and keeps nothing of that transaction', async () => {
      await append(store, regs(0, 2))
      const copyOf = (e: StoredEntry, index: number): StoredEntry => ({ ...e, index })
      await expect(append(store, [makeEntry(2), copyOf(makeEntry(0), 3)])).rejects.toMatchObject(storeError)
      await expect(append(store, [makeEntry(2), copyOf(makeEntry(2), 3)])).rejects.toMatchObject(storeError)
      await expect(store.transaction(async (tx) => {
        await tx.putEntries([makeEntry(2)])
        await tx.putEntries([copyOf(makeEntry(2), 3)])
      })).rejects.toMatchObject(storeError)
      expect(await store.size()).toBe(2)
      expect(await store.entries(0, 10)).toEqual(regs(0, 2))
      await append(store, [makeEntry(2)])
      expect(await store.entries(0, 10)).toEqual(regs(0, 3))
    })

    it('answers the largest checkpoint as the latest, even when a smaller one is written after it', async () => {
      await append(store, regs(0, 3))
      await store.transaction((tx) => tx.putCheckpoint(2, 'checkpoint 2, late'))
      expect(await store.size()).toBe(3)
      expect(await store.latestCheckpoint()).toBe('checkpoint 3')
      await store.transaction(async (tx) => {
        await tx.putCheckpoint(1, 'checkpoint 1, late')
        expect(await tx.size()).toBe(3)
        expect(await tx.latestCheckpoint()).toBe('checkpoint 3')
      })
      expect(await store.latestCheckpoint()).toBe('checkpoint 3')
    })

    it('serializes concurrent transactions: 20 read-size-then-append transactions make 20 entries in sequence', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, k) => store.transaction(async (tx) => {
        const n = await tx.size()
        await new Promise((r) => setTimeout(r, k % 3)) // yield mid-transaction: a lost update would show
        await tx.putEntries([makeEntry(n)])
        await tx.putCheckpoint(n + 1, `checkpoint ${n + 1}`)
        return n
      })))
      expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i))
      expect(await store.size()).toBe(20)
      expect(await store.entries(0, 100)).toEqual(regs(0, 20))
    })

    it('round-trips a batch of 10,000 entries in one transaction', async () => {
      const batch = Array.from({ length: 10_000 }, (_, i) => (i % 10 === 9 ? makeEntry(i, 'revoke', { target: i - 1 }) : makeEntry(i)))
      const nodes = Array.from({ length: 5_000 }, (_, i) => node(1, i))
      await store.transaction(async (tx) => {
        await tx.putEntries(batch)
        await tx.putNodes(nodes)
        await tx.putCheckpoint(10_000, 'checkpoint 10000')
      })
      expect(await store.size()).toBe(10_000)
      expect((await store.entries(0, 10_000)).map(summary)).toEqual(batch.map(summary))
      for (const i of [0, 1, 4_999, 9_998, 9_999]) expect(await store.entryByLeafHash(batch[i]!.leafHash)).toEqual(batch[i])
      expect(await store.registrations(batch[1234]!.commitment!)).toEqual([batch[1234]])
      const prefix = batch[4321]!.commitment!.slice(0, 2)
      const expected = batch.filter((e) => e.commitment !== undefined && e.commitment[0] === prefix[0] && e.commitment[1] === prefix[1])
      expect((await store.registrationsByPrefix(prefix, 100)).map(summary)).toEqual(expected.map(summary))
      expect(await store.getNodes([{ level: 1, index: 4_999 }, { level: 1, index: 0 }])).toEqual([nodeHash({ level: 1, index: 4_999 }), nodeHash({ level: 1, index: 0 })])
    })
  })
}
