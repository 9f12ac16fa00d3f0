import { beforeAll, describe, expect, it } from 'vitest'
import { isCounterfoilError } from '../../../src/errors.js'
import { MemoryNodeStore } from '../../../src/registry/log/memory-node-store.js'
import { emptyRoot, hashLeaf, verifyConsistency, verifyInclusion } from '../../../src/registry/log/merkle.js'
import {
  appendLeaves,
  consistencyProof,
  inclusionProof,
  rootAt,
} from '../../../src/registry/log/tree.js'
import vectors from '../../vectors/transparency-dev-merkle/reference.json' with { type: 'json' }
import { flipBit, hex, refMth, refPath, refProof, toHex } from './helpers.js'

const MAX = 130

function leafData(i: number): Uint8Array {
  return new TextEncoder().encode(`entry ${i}`)
}

async function buildStore(n: number, batch: (i: number) => number) {
  const store = new MemoryNodeStore()
  const hashes: Uint8Array[] = []
  let size = 0
  while (size < n) {
    const count = Math.min(batch(size), n - size)
    const add = Array.from({ length: count }, (_, j) => hashLeaf(leafData(size + j)))
    const res = await appendLeaves(store, size, add)
    store.putNodes(res.newNodes)
    hashes.push(...add)
    expect(res.newSize).toBe(size + count)
    expect(toHex(res.root)).toBe(toHex(refMth(hashes)))
    size = res.newSize
  }
  return { store, hashes }
}

describe('appendLeaves and rootAt', () => {
  it('reproduces the transparency-dev reference roots', async () => {
    const store = new MemoryNodeStore()
    let size = 0
    for (const leaf of vectors.leaves) {
      const res = await appendLeaves(store, size, [hashLeaf(hex(leaf))])
      store.putNodes(res.newNodes)
      size = res.newSize
      expect(toHex(res.root)).toBe(vectors.roots[size - 1])
      expect(toHex(await rootAt(store, size))).toBe(vectors.roots[size - 1])
    }
  })

  it('gives the same nodes whatever the batch sizes', async () => {
    const one = await buildStore(MAX, () => 1)
    const mixed = await buildStore(MAX, (s) => (s % 7) + 1)
    const all = await buildStore(MAX, () => MAX)
    expect(one.store.nodeCount).toBe(mixed.store.nodeCount)
    expect(all.store.nodeCount).toBe(mixed.store.nodeCount)
    for (let n = 1; n <= MAX; n++) {
      const r = toHex(refMth(one.hashes.slice(0, n)))
      expect(toHex(await mixed.store.getNodes([]).then(() => rootAt(mixed.store, n)))).toBe(r)
      expect(toHex(await rootAt(all.store, n))).toBe(r)
    }
  })

  it('stores exactly the complete subtrees (2n - popcount(n) nodes)', async () => {
    const { store } = await buildStore(MAX, () => 3)
    const popcount = MAX.toString(2).split('').filter((c) => c === '1').length
    expect(store.nodeCount).toBe(2 * MAX - popcount)
  })

  it('handles empty appends and the empty tree', async () => {
    const store = new MemoryNodeStore()
    const res = await appendLeaves(store, 0, [])
    expect(res.newSize).toBe(0)
    expect(res.newNodes).toEqual([])
    expect(toHex(res.root)).toBe(toHex(emptyRoot()))
    expect(toHex(await rootAt(store, 0))).toBe(toHex(emptyRoot()))
  })

  it('rejects bad arguments and bad store data', async () => {
    const store = new MemoryNodeStore()
    await expect(appendLeaves(store, 0, [new Uint8Array(31)])).rejects.toThrow(RangeError)
    await expect(appendLeaves(store, -1, [])).rejects.toThrow(RangeError)
    await expect(appendLeaves(store, 2 ** 53 - 1, [new Uint8Array(32)])).rejects.toThrow(RangeError)
    await expect(rootAt(store, 1)).rejects.toSatisfy((e) => isCounterfoilError(e, 'ERR_NOT_FOUND'))
    const liar = { getNodes: async () => [new Uint8Array(5)] }
    await expect(rootAt(liar, 1)).rejects.toSatisfy((e) => isCounterfoilError(e, 'ERR_STORE'))
    const short = { getNodes: async () => [] }
    await expect(rootAt(short, 3)).rejects.toSatisfy((e) => isCounterfoilError(e, 'ERR_STORE'))
  })

  it('refuses to overwrite a node with a different hash', async () => {
    const store = new MemoryNodeStore()
    store.putNodes([{ id: { level: 0, index: 0 }, hash: new Uint8Array(32) }])
    store.putNodes([{ id: { level: 0, index: 0 }, hash: new Uint8Array(32) }])
    expect(() => store.putNodes([{ id: { level: 0, index: 0 }, hash: new Uint8Array(32).fill(1) }])).toThrow(
      expect.objectContaining({ code: 'ERR_CONFLICT' }),
    )
  })
})

describe(`exhaustive proofs for every size up to ${MAX}`, () => {
  let store: MemoryNodeStore
  let hashes: Uint8Array[]
  const roots: Uint8Array[] = []
  beforeAll(async () => {
    ;({ store, hashes } = await buildStore(MAX, (s) => (s % 5) + 1))
    roots.push(emptyRoot())
    for (let n = 1; n <= MAX; n++) roots.push(refMth(hashes, n))
  })

  it('inclusion: generated = RFC 9162 PATH, verifies, and every tampered variant fails', async () => {
    let checked = 0
    for (let n = 1; n <= MAX; n++) {
      const root = roots[n]!
      for (let i = 0; i < n; i++) {
        const proof = await inclusionProof(store, i, n)
        expect(proof.map(toHex)).toEqual(refPath(i, hashes, 0, n).map(toHex))
        const leaf = hashes[i]!
        expect(verifyInclusion(leaf, i, n, proof, root)).toBe(true)
        const bad: [number, number, Uint8Array[], Uint8Array][] = []
        proof.forEach((p, j) => bad.push([i, n, proof.map((q, k) => (k === j ? flipBit(q, (i + j) % 256) : q)), leaf]))
        if (proof.length > 0) {
          bad.push([i, n, proof.slice(0, -1), leaf])
          bad.push([i, n, proof.slice(1), leaf])
        }
        bad.push([i, n, [...proof, root], leaf])
        bad.push([i, n, [...proof, new Uint8Array(32)], leaf])
        bad.push([i, n, [root, ...proof], leaf])
        if (i > 0) bad.push([i - 1, n, proof, leaf])
        bad.push([i + 1, n, proof, leaf])
        bad.push([i, n, proof, hashes[(i + 1) % MAX]!])
        // A wrong size is checked against the root *of that size*: a checkpoint binds the two.
        // (With the original root a size can be "wrong" and still verify: index 0's proof in a
        // tree of 3 is a valid proof in some tree of 4 whose root equals it.)
        for (const bn of [n - 1, n + 1, n * 2, Math.floor(n / 2)]) {
          if (bn > i && bn !== n && bn <= MAX) bad.push([i, bn, proof, leaf])
        }
        for (const [bi, bn, bp, bl] of bad) {
          if (verifyInclusion(bl, bi, bn, bp, roots[bn]!)) throw new Error(`accepted tampered proof i=${i} n=${n} as (${bi}, ${bn}, len ${bp.length})`)
        }
        checked += bad.length
      }
    }
    expect(checked).toBeGreaterThan(100_000)
  }, 240_000)

  it('consistency: generated = RFC 9162 PROOF, verifies, and every tampered variant fails', async () => {
    for (let n = 1; n <= MAX; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = await consistencyProof(store, m, n)
        const expected = m === 0 || m === n ? [] : refProof(m, hashes, 0, n)
        expect(proof.map(toHex)).toEqual(expected.map(toHex))
        const [r1, r2] = [roots[m]!, roots[n]!]
        expect(verifyConsistency(m, n, r1, r2, proof)).toBe(true)
        if (m === 0 || m === n) continue
        const bad: [number, number, Uint8Array, Uint8Array, Uint8Array[]][] = []
        proof.forEach((_, j) => bad.push([m, n, r1, r2, proof.map((q, k) => (k === j ? flipBit(q, (m + j) % 256) : q))]))
        bad.push([m, n, r1, r2, proof.slice(0, -1)])
        bad.push([m, n, r1, r2, proof.slice(1)])
        bad.push([m, n, r1, r2, []])
        bad.push([m, n, r1, r2, [...proof, r1]])
        bad.push([m, n, r1, r2, [...proof, r2]])
        bad.push([m, n, r1, r2, [r1, ...proof]])
        bad.push([m, n, r1, r2, [proof[0]!, ...proof]])
        // Wrong sizes, each with the true root of the size claimed (see the inclusion test).
        for (const [bm, bn] of [[m - 1, n], [m + 1, n], [m, n + 1], [m, n - 1], [m, n * 2], [Math.floor(m / 2), n]] as const) {
          if (bm >= 1 && bm < bn && bn <= MAX && (bm !== m || bn !== n)) bad.push([bm, bn, roots[bm]!, roots[bn]!, proof])
        }
        bad.push([m, n, r2, r1, proof])
        bad.push([m, n, roots[m - 1]!, r2, proof])
        bad.push([m, n, r1, roots[n - 1]!, proof])
        for (const [bm, bn, a, b, p] of bad) {
          if (verifyConsistency(bm, bn, a, b, p)) throw new Error(`accepted tampered proof ${m}->${n} as (${bm}, ${bn}, len ${p.length})`)
        }
      }
    }
  }, 240_000)

  it('proof generation rejects out-of-range requests with RangeError', async () => {
    await expect(inclusionProof(store, 5, 5)).rejects.toThrow(RangeError)
    await expect(consistencyProof(store, 6, 5)).rejects.toThrow(RangeError)
  })
})
