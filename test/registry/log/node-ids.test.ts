import { describe, expect, it } from 'vitest'
import {
  type NodeId,
  consistencyProofNodeIds,
  consistencyProofRanges,
  inclusionProofNodeIds,
  inclusionProofRanges,
  nodeRange,
  rootNodeIds,
  subtreeNodeIds,
} from '../../../src/registry/log/node-ids.js'

// BigInt reference for the id computation, written with real bit operations (which BigInt does
// exactly at any width), to check the Number arithmetic near and beyond 2^31, 2^32 and 2^40.
function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length
}

function refSubtreeIds(start: bigint, end: bigint): string[] {
  const out: string[] = []
  let pos = start
  while (pos < end) {
    const level = bitLength(end - pos) - 1
    const width = 1n << BigInt(level)
    if ((pos & (width - 1n)) !== 0n) throw new Error('unaligned')
    out.push(`${level}/${pos >> BigInt(level)}`)
    pos += width
  }
  return out
}

function refInclusionRanges(index: bigint, size: bigint): [bigint, bigint][] {
  const out: [bigint, bigint][] = []
  let [start, end, m] = [0n, size, index]
  while (end - start > 1n) {
    const k = 1n << BigInt(bitLength(end - start - 1n) - 1)
    if (m < k) {
      out.push([start + k, end])
      end = start + k
    } else {
      out.push([start, start + k])
      m -= k
      start += k
    }
  }
  return out.reverse()
}

function refConsistencyRanges(first: bigint, second: bigint): [bigint, bigint][] {
  const out: [bigint, bigint][] = []
  let [start, end, m, b] = [0n, second, first, true]
  for (;;) {
    const n = end - start
    if (m === n) {
      if (!b) out.push([start, end])
      break
    }
    const k = 1n << BigInt(bitLength(n - 1n) - 1)
    if (m <= k) {
      out.push([start + k, end])
      end = start + k
    } else {
      out.push([start, start + k])
      m -= k
      start += k
      b = false
    }
  }
  return out.reverse()
}

const ids = (list: NodeId[]) => list.map((id) => `${id.level}/${id.index}`)
const uniq = (list: string[]) => [...new Set(list)]

const MAX = 2 ** 53 - 1
const AROUND = [2 ** 31, 2 ** 32, 2 ** 40, 2 ** 52, MAX].flatMap((p) => [p - 3, p - 2, p - 1, p, p + 1, p + 2, p + 777])
  .filter((x) => x >= 1 && x <= MAX)

describe('node ids stay exact beyond 2^31 (compared with a BigInt reference)', () => {
  it('root node ids', () => {
    for (const size of AROUND) expect(ids(rootNodeIds(size))).toEqual(refSubtreeIds(0n, BigInt(size)))
  })

  it('inclusion proof ranges and node ids', () => {
    for (const size of AROUND) {
      for (const index of [0, 1, size - 1, size - 2, Math.floor(size / 3), 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 2 ** 40 - 1]) {
        if (index < 0 || index >= size) continue
        const ranges = inclusionProofRanges(index, size)
        const ref = refInclusionRanges(BigInt(index), BigInt(size))
        expect(ranges.map((r) => [BigInt(r.start), BigInt(r.end)])).toEqual(ref)
        expect(ids(inclusionProofNodeIds(index, size))).toEqual(uniq(ref.flatMap(([a, b]) => refSubtreeIds(a, b))))
      }
    }
  })

  it('consistency proof ranges and node ids', () => {
    for (const second of AROUND) {
      for (const first of [1, 2, 3, second - 1, second - 2, Math.floor(second / 3), 2 ** 31, 2 ** 32 - 1, 2 ** 40 + 1]) {
        if (first < 1 || first >= second) continue
        const ref = refConsistencyRanges(BigInt(first), BigInt(second))
        expect(consistencyProofRanges(first, second).map((r) => [BigInt(r.start), BigInt(r.end)])).toEqual(ref)
        expect(ids(consistencyProofNodeIds(first, second))).toEqual(uniq(ref.flatMap(([a, b]) => refSubtreeIds(a, b))))
      }
    }
  })

  it('node counts stay within 2·log2(n) (+1 for consistency)', () => {
    for (const size of AROUND) {
      const bound = 2 * Math.ceil(Math.log2(size))
      for (const index of [0, size - 1, Math.floor(size / 2), Math.floor(size / 3)]) {
        expect(inclusionProofNodeIds(index, size).length).toBeLessThanOrEqual(bound)
      }
      for (const first of [1, size - 1, Math.floor(size / 3)]) {
        if (first >= 1 && first < size) expect(consistencyProofNodeIds(first, size).length).toBeLessThanOrEqual(bound + 1)
      }
    }
  })
})

describe('node id helpers', () => {
  it('subtreeNodeIds splits by the binary digits of the length', () => {
    expect(ids(subtreeNodeIds(0, 7))).toEqual(['2/0', '1/2', '0/6'])
    expect(ids(subtreeNodeIds(8, 13))).toEqual(['2/2', '0/12'])
    expect(() => subtreeNodeIds(1, 3)).toThrow(RangeError)
    expect(() => subtreeNodeIds(3, 3)).toThrow(RangeError)
  })

  it('nodeRange inverts the id', () => {
    expect(nodeRange({ level: 2, index: 3 })).toEqual({ start: 12, end: 16 })
    expect(nodeRange({ level: 40, index: 5 })).toEqual({ start: 5 * 2 ** 40, end: 6 * 2 ** 40 })
    expect(() => nodeRange({ level: 53, index: 0 })).toThrow(RangeError)
    expect(() => nodeRange({ level: 0, index: -1 })).toThrow(RangeError)
  })

  it('proof ranges match the RFC examples', () => {
    expect(inclusionProofRanges(2, 5)).toEqual([{ start: 3, end: 4 }, { start: 0, end: 2 }, { start: 4, end: 5 }])
    expect(consistencyProofRanges(6, 8)).toEqual([{ start: 4, end: 6 }, { start: 6, end: 8 }, { start: 0, end: 4 }])
    expect(consistencyProofRanges(0, 8)).toEqual([])
    expect(consistencyProofRanges(8, 8)).toEqual([])
    expect(() => inclusionProofRanges(5, 5)).toThrow(RangeError)
    expect(() => consistencyProofRanges(9, 8)).toThrow(RangeError)
    expect(() => rootNodeIds(0)).toThrow(RangeError)
  })
})
