import { describe, expect, it } from 'vitest'
import {
  emptyRoot,
  hashChildren,
  hashLeaf,
  rootFromInclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/registry/log/merkle.js'
import vectors from '../../vectors/transparency-dev-merkle/reference.json' with { type: 'json' }
import { flipBit, hex, toHex } from './helpers.js'

const leaves = vectors.leaves.map(hex)
const leafHashes = leaves.map(hashLeaf)
const roots = vectors.roots.map(hex)
const rootOf = (size: number) => (size === 0 ? emptyRoot() : roots[size - 1]!)
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456')

describe('RFC 9162 §2.1.1 hashing (transparency-dev/merkle reference vectors)', () => {
  it('empty tree root is SHA-256("")', () => {
    expect(toHex(emptyRoot())).toBe(vectors.emptyRoot)
    expect(toHex(rootFromLeafHashes([]))).toBe(vectors.emptyRoot)
  })

  it('roots of the first 1..8 standard leaves', () => {
    for (let n = 1; n <= 8; n++) expect(toHex(rootFromLeafHashes(leafHashes.slice(0, n)))).toBe(vectors.roots[n - 1])
  })

  it('hashChildren is SHA-256(0x01 || l || r)', () => {
    expect(toHex(hashChildren(leafHashes[0]!, leafHashes[1]!))).toBe(vectors.roots[1])
  })

  it('rejects programmer mistakes with TypeError/RangeError', () => {
    expect(() => hashLeaf('x' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => hashChildren(new Uint8Array(31), new Uint8Array(32))).toThrow(RangeError)
    expect(() => rootFromLeafHashes([new Uint8Array(1)])).toThrow(RangeError)
  })
})

describe('RFC 9162 §2.1.3.2 inclusion verification', () => {
  for (const v of vectors.inclusion) {
    it(`verifies reference proof index=${v.index} size=${v.size}`, () => {
      const proof = v.proof.map(hex)
      const lh = leafHashes[v.index]!
      expect(toHex(rootFromInclusionProof(lh, v.index, v.size, proof)!)).toBe(vectors.roots[v.size - 1])
      expect(verifyInclusion(lh, v.index, v.size, proof, rootOf(v.size))).toBe(true)
    })

    it(`rejects tampered variants of index=${v.index} size=${v.size}`, () => {
      const proof = v.proof.map(hex)
      const lh = leafHashes[v.index]!
      const root = rootOf(v.size)
      const bad: [number, number, Uint8Array[], Uint8Array, Uint8Array][] = [
        [v.index + 1, v.size, proof, lh, root],
        [v.index, v.size * 2, proof, lh, root],
        [v.index, Math.floor(v.size / 2), proof, lh, root],
        [v.index, v.size, proof, SOME_HASH, root],
        [v.index, v.size, proof, lh, emptyRoot()],
        [v.index, v.size, proof, lh, SOME_HASH],
        [v.index, v.size, [...proof, new Uint8Array(0)], lh, root],
        [v.index, v.size, [...proof, root], lh, root],
        [v.index, v.size, [new Uint8Array(0), ...proof], lh, root],
        [v.index, v.size, [root, ...proof], lh, root],
      ]
      if (v.index > 0) bad.push([v.index - 1, v.size, proof, lh, root])
      proof.forEach((_, i) => bad.push([v.index, v.size, proof.map((p, j) => (i === j ? flipBit(p, 3) : p)), lh, root]))
      if (proof.length > 0) bad.push([v.index, v.size, proof.slice(0, -1), lh, root])
      if (proof.length > 1) bad.push([v.index, v.size, [proof[0]!, SOME_HASH, ...proof.slice(1)], lh, root])
      for (const [i, n, p, l, r] of bad) expect(verifyInclusion(l, i, n, p, r)).toBe(false)
    })
  }

  it('returns false (never throws) for data that cannot be a proof', () => {
    const lh = leafHashes[0]!
    for (const [i, n] of [[0, 0], [1, 0], [2, 1], [1, 1]] as const) {
      expect(verifyInclusion(lh, i, n, [], lh)).toBe(false)
      expect(rootFromInclusionProof(lh, i, n, [])).toBeUndefined()
    }
    expect(verifyInclusion(lh, 0, 1, [], lh)).toBe(true)
    expect(verifyInclusion(new Uint8Array(0), 0, 1, [], lh)).toBe(false)
    expect(verifyInclusion(lh, 0, 1, [], new Uint8Array(0))).toBe(false)
    expect(verifyInclusion(lh, 0, 2, [new Uint8Array(33)], lh)).toBe(false)
  })

  it('throws TypeError/RangeError only for programmer mistakes', () => {
    const lh = leafHashes[0]!
    expect(() => verifyInclusion(lh, -1, 1, [], lh)).toThrow(RangeError)
    expect(() => verifyInclusion(lh, 0.5, 1, [], lh)).toThrow(RangeError)
    expect(() => verifyInclusion(lh, 0, 2 ** 53, [], lh)).toThrow(RangeError)
    expect(() => verifyInclusion(lh, '0' as unknown as number, 1, [], lh)).toThrow(TypeError)
    expect(() => verifyInclusion(lh, 0, 1, 'x' as unknown as Uint8Array[], lh)).toThrow(TypeError)
    expect(() => verifyInclusion(lh, 0, 1, [[1] as unknown as Uint8Array], lh)).toThrow(TypeError)
  })
})

describe('RFC 9162 §2.1.4.2 consistency verification', () => {
  for (const v of vectors.consistency) {
    it(`verifies reference proof ${v.first} -> ${v.second}`, () => {
      expect(verifyConsistency(v.first, v.second, rootOf(v.first), rootOf(v.second), v.proof.map(hex))).toBe(true)
    })
    if (v.proof.length === 0) continue
    it(`rejects tampered variants of ${v.first} -> ${v.second}`, () => {
      const proof = v.proof.map(hex)
      const [r1, r2] = [rootOf(v.first), rootOf(v.second)]
      const bad: [number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        [v.first - 1, v.second, r1, r2, proof],
        [v.first + 1, v.second, r1, r2, proof],
        [v.first, v.second * 2, r1, r2, proof],
        [v.first, Math.floor(v.second / 2), r1, r2, proof],
        [v.first, v.second, SOME_HASH, r2, proof],
        [v.first, v.second, r1, SOME_HASH, proof],
        [v.first, v.second, r2, r1, proof],
        [v.first, v.second, r1, r2, []],
        [v.first, v.second, r1, r2, [...proof, new Uint8Array(0)]],
        [v.first, v.second, r1, r2, [...proof, r1]],
        [v.first, v.second, r1, r2, [...proof, r2]],
        [v.first, v.second, r1, r2, [new Uint8Array(0), ...proof]],
        [v.first, v.second, r1, r2, [r1, ...proof]],
        [v.first, v.second, r1, r2, [r2, ...proof]],
        [v.first, v.second, r1, r2, [proof[0]!, ...proof]],
        [v.first, v.second, r1, r2, proof.slice(0, -1)],
      ]
      proof.forEach((_, i) => bad.push([v.first, v.second, r1, r2, proof.map((p, j) => (i === j ? flipBit(p, 4) : p))]))
      for (const [m, n, a, b, p] of bad) expect(verifyConsistency(m, n, a, b, p)).toBe(false)
    })
  }

  it('handles the cases RFC 9162 leaves open as documented', () => {
    const [a, b] = [roots[0]!, roots[1]!]
    expect(verifyConsistency(0, 0, a, a, [])).toBe(true)
    expect(verifyConsistency(0, 5, a, b, [])).toBe(true)
    expect(verifyConsistency(0, 5, a, b, [a])).toBe(false)
    expect(verifyConsistency(3, 3, a, a, [])).toBe(true)
    expect(verifyConsistency(3, 3, a, b, [])).toBe(false)
    expect(verifyConsistency(3, 3, a, a, [a])).toBe(false)
    expect(verifyConsistency(2, 1, a, b, [])).toBe(false)
    expect(verifyConsistency(1, 2, a, b, [])).toBe(false)
    expect(verifyConsistency(1, 2, new Uint8Array(31), b, [b])).toBe(false)
  })
})
