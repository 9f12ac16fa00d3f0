// A million-leaf log in the memory store: proofs must read O(log n) nodes, in one batch.
import { beforeAll, describe, expect, it } from 'vitest'
import { MemoryNodeStore } from '../../../src/registry/log/memory-node-store.js'
import { verifyConsistency, verifyInclusion } from '../../../src/registry/log/merkle.js'
import { type NodeId } from '../../../src/registry/log/node-ids.js'
import { appendLeaves, consistencyProof, inclusionProof, rootAt } from '../../../src/registry/log/tree.js'

const N = 1_000_000
const LOG2N = Math.log2(N)

describe(`a log of ${N.toLocaleString('en')} leaves`, () => {
  const store = new MemoryNodeStore()
  // Any 32 bytes are a leaf hash as far as the tree is concerned; skip hashing a million entries.
  const leafHash = (i: number) => {
    const h = new Uint8Array(32)
    new DataView(h.buffer).setFloat64(0, i)
    return h
  }
  let root: Uint8Array

  beforeAll(async () => {
    const t0 = performance.now()
    let size = 0
    const BATCH = 100_000
    while (size < N) {
      const res = await appendLeaves(store, size, Array.from({ length: BATCH }, (_, j) => leafHash(size + j)))
      store.putNodes(res.newNodes)
      size = res.newSize
      root = res.root
    }
    console.log(`append ${N} leaves: ${(performance.now() - t0).toFixed(0)} ms, ${store.nodeCount} nodes stored`)
  }, 120_000)

  it('inclusion proofs read at most 2·log2(n) nodes in one batch', async () => {
    const indices = [0, 1, 2 ** 19, 2 ** 19 + 1, 999_999, 999_998, 765_432, 123_456, 524_287, 983_039]
    let t = 0
    for (const i of indices) {
      store.resetCounters()
      const t0 = performance.now()
      const proof = await inclusionProof(store, i, N)
      t += performance.now() - t0
      expect(store.batches).toBe(1)
      expect(store.nodesRead).toBeLessThanOrEqual(2 * LOG2N)
      expect(verifyInclusion(leafHash(i), i, N, proof, root)).toBe(true)
    }
    console.log(`inclusion proof at ${N}: ${(t / indices.length).toFixed(3)} ms each (memory store)`)
  })

  it('consistency proofs and roots read O(log n) nodes in one batch', async () => {
    for (const m of [1, 3, 1000, 524_288, 999_999, 777_777]) {
      store.resetCounters()
      const proof = await consistencyProof(store, m, N)
      expect(store.batches).toBe(1)
      expect(store.nodesRead).toBeLessThanOrEqual(2 * LOG2N + 1)
      const oldRoot = await rootAt(store, m)
      expect(verifyConsistency(m, N, oldRoot, root, proof)).toBe(true)
    }
    store.resetCounters()
    await rootAt(store, N)
    expect(store.nodesRead).toBeLessThanOrEqual(LOG2N)
  })

  it('an append reads only the old right edge', async () => {
    store.resetCounters()
    const res = await appendLeaves(store, N, [leafHash(N)])
    expect(store.batches).toBe(1)
    expect(store.nodesRead).toBeLessThanOrEqual(LOG2N)
    expect(res.newSize).toBe(N + 1)
  })
})

describe('read counts at 2^40 and 2^53 - 1 leaves (a counting reader, no real tree)', () => {
  class CountingReader {
    reads = 0
    async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
      this.reads += ids.length
      return ids.map(() => new Uint8Array(32))
    }
  }
  for (const size of [2 ** 40 + 12345, 2 ** 53 - 1]) {
    it(`size ${size}: proofs read ≤ 2·log2(n) (+1) nodes`, async () => {
      const bound = 2 * Math.ceil(Math.log2(size))
      for (const index of [0, 2 ** 31 - 1, 2 ** 32 + 1, size - 1, Math.floor(size / 3)]) {
        const r = new CountingReader()
        const proof = await inclusionProof(r, index, size)
        expect(r.reads).toBeLessThanOrEqual(bound)
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)))
      }
      for (const first of [1, 2 ** 31 + 7, size - 1]) {
        const r = new CountingReader()
        await consistencyProof(r, first, size)
        expect(r.reads).toBeLessThanOrEqual(bound + 1)
      }
    })
  }
})
