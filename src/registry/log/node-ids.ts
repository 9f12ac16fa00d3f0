/**
 * Which stored nodes a root or a proof needs, computed up front from sizes and indices alone.
 *
 * Storage model: the log stores the hash of every *complete* subtree. Node `(level, index)` is
 * MTH(D[index·2^level : (index+1)·2^level]) (RFC 9162 §2.1.1), which exists as soon as the tree
 * holds `(index+1)·2^level` leaves and never changes afterwards. Every hash a root or proof needs
 * is the MTH of a range the RFC recursion produces; such a range starts at a multiple of a power
 * of two at least its length, so it splits into O(log n) complete subtrees (the binary digits of
 * its length, largest first).
 *
 * Because the ids are known before any read, a SQL store can fetch all of them in one query
 * (`WHERE (level, idx) IN (...)`). An inclusion proof needs at most 2·log2(n) nodes, a
 * consistency proof at most 2·log2(n) + 1: along the RFC recursion at most one proof element is
 * an incomplete subtree (the right-hand remainder where the path turns left off the right edge);
 * every other element is a single complete node.
 *
 * All arithmetic is exact up to 2^53 − 1 (see `tree-math.ts`).
 *
 * @module
 */
import {
  MAX_TREE_SIZE,
  assertIndex,
  largestPowerOfTwoAtMost,
  largestPowerOfTwoBelow,
  log2Exact,
} from './tree-math.js'

/**
 * A stored node: the hash of leaves `[index·2^level, (index+1)·2^level)`. Level 0 nodes are leaf
 * hashes.
 */
export interface NodeId {
  /** Height above the leaves, 0–52. */
  readonly level: number
  /** Position among the nodes of this level, from 0. */
  readonly index: number
}

/** A half-open range of leaf indices `[start, end)`. */
export interface LeafRange {
  /** First leaf index in the range. */
  readonly start: number
  /** One past the last leaf index. */
  readonly end: number
}

/**
 * Throws unless `id` is a node that can exist in a tree of at most 2^53 − 1 leaves.
 *
 * @param id - the node id
 * @returns nothing
 * @throws TypeError if `id` is not an object with numeric `level` and `index`; RangeError if out of range
 * @example
 * ```ts
 * assertNodeId({ level: 3, index: 7 })
 * ```
 */
export function assertNodeId(id: NodeId): void {
  if (typeof id !== 'object' || id === null) throw new TypeError('"id" expected a NodeId object')
  assertIndex('id.level', id.level)
  assertIndex('id.index', id.index)
  if (id.level > 52 || (id.index + 1) * 2 ** id.level > MAX_TREE_SIZE) {
    throw new RangeError(`node (${id.level}, ${id.index}) lies beyond the largest tree size 2^53 - 1`)
  }
}

/**
 * The leaf range a node covers.
 *
 * @param id - the node id
 * @returns `[index·2^level, (index+1)·2^level)`
 * @throws RangeError if the id is out of range (see {@link assertNodeId})
 * @example
 * ```ts
 * nodeRange({ level: 2, index: 3 }) // { start: 12, end: 16 }
 * ```
 */
export function nodeRange(id: NodeId): LeafRange {
  assertNodeId(id)
  const width = 2 ** id.level
  return { start: id.index * width, end: (id.index + 1) * width }
}

/**
 * The complete subtrees whose hashes make MTH(D[start:end]), left to right. The MTH is then
 * `H(n0, H(n1, … H(n_{k-2}, n_{k-1})))`: fold from the right.
 *
 * @param start - first leaf index
 * @param end - one past the last leaf index, greater than `start`
 * @returns the node ids, largest (leftmost) first
 * @throws RangeError if the range is empty or is not a subtree of the RFC 9162 recursion (its
 *   start must be a multiple of the largest power of two not above its length)
 * @example
 * ```ts
 * subtreeNodeIds(0, 7) // [(2,0), (1,2), (0,6)]
 * ```
 */
export function subtreeNodeIds(start: number, end: number): NodeId[] {
  assertIndex('start', start)
  assertIndex('end', end)
  if (end <= start) throw new RangeError(`empty range [${start}, ${end})`)
  const ids: NodeId[] = []
  let pos = start
  while (pos < end) {
    const width = largestPowerOfTwoAtMost(end - pos)
    if (pos % width !== 0) {
      throw new RangeError(`range [${start}, ${end}) is not an RFC 9162 subtree`)
    }
    ids.push({ level: log2Exact(width), index: pos / width })
    pos += width
  }
  return ids
}

/**
 * The complete subtrees whose hashes make the root of a tree of `size` leaves (the tree's "right
 * edge").
 *
 * @param size - the tree size, ≥ 1
 * @returns the node ids, left to right
 * @throws RangeError if `size` is 0 or not a safe integer
 * @example
 * ```ts
 * rootNodeIds(6) // [(2,0), (1,2)]
 * ```
 */
export function rootNodeIds(size: number): NodeId[] {
  assertIndex('size', size)
  if (size === 0) throw new RangeError('the empty tree has no nodes; its root is SHA-256("")')
  return subtreeNodeIds(0, size)
}

/**
 * The ranges whose MTHs form the inclusion proof PATH(index, D[size]), RFC 9162 §2.1.3.1, in
 * proof order (the leaf's sibling first, the root's child last).
 *
 * @param index - the leaf index
 * @param size - the tree size, greater than `index`
 * @returns one range per proof hash
 * @throws RangeError if `index` ≥ `size` or either is not a safe non-negative integer
 * @example
 * ```ts
 * inclusionProofRanges(2, 5) // [[3,4], [0,2], [4,5]]
 * ```
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  assertIndex('index', index)
  assertIndex('size', size)
  if (index >= size) throw new RangeError(`"index" ${index} is not below "size" ${size}`)
  // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])      for m < k
  //              = PATH(m - k, D[k:n]) : MTH(D[0:k])  for m >= k
  // Walk from the root down, collecting siblings; the recursion emits them deepest first.
  const out: LeafRange[] = []
  let start = 0
  let end = size
  let m = index
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start)
    if (m < k) {
      out.push({ start: start + k, end })
      end = start + k
    } else {
      out.push({ start, end: start + k })
      m -= k
      start += k
    }
  }
  return out.reverse()
}

/**
 * The ranges whose MTHs form the consistency proof PROOF(first, D[second]) =
 * SUBPROOF(first, D[second], true), RFC 9162 §2.1.4.1, in proof order.
 *
 * RFC 9162 defines the proof for 0 < first < second; for `first` = 0 or `first` = `second` the
 * proof is empty (what {@link verifyConsistency} accepts).
 *
 * @param first - the older tree size
 * @param second - the newer tree size, ≥ `first`
 * @returns one range per proof hash
 * @throws RangeError if `first` > `second` or either is not a safe non-negative integer
 * @example
 * ```ts
 * consistencyProofRanges(6, 8) // [[4,6], [6,8], [0,4]]
 * ```
 */
export function consistencyProofRanges(first: number, second: number): LeafRange[] {
  assertIndex('first', first)
  assertIndex('second', second)
  if (first > second) throw new RangeError(`"first" ${first} is above "second" ${second}`)
  if (first === 0 || first === second) return []
  // SUBPROOF(m, D[m], true) = {};  SUBPROOF(m, D[m], false) = {MTH(D[m])}
  // SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])          for m <= k
  //                      = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])  for m > k
  const out: LeafRange[] = []
  let start = 0
  let end = second
  let m = first
  let b = true
  for (;;) {
    const n = end - start
    if (m === n) {
      if (!b) out.push({ start, end })
      break
    }
    const k = largestPowerOfTwoBelow(n)
    if (m <= k) {
      out.push({ start: start + k, end })
      end = start + k
    } else {
      out.push({ start, end: start + k })
      m -= k
      start += k
      b = false
    }
  }
  return out.reverse()
}

function uniqueIds(groups: readonly NodeId[][]): NodeId[] {
  const seen = new Set<string>()
  const out: NodeId[] = []
  for (const group of groups) {
    for (const id of group) {
      const key = `${id.level}/${id.index}`
      if (!seen.has(key)) {
        seen.add(key)
        out.push(id)
      }
    }
  }
  return out
}

/**
 * Every stored node an inclusion proof needs, without duplicates: fetch them in one batch.
 *
 * @param index - the leaf index
 * @param size - the tree size, greater than `index`
 * @returns at most 2·log2(size) node ids
 * @throws RangeError as {@link inclusionProofRanges}
 * @example
 * ```ts
 * const hashes = await store.getNodes(inclusionProofNodeIds(5, 1_000_000))
 * ```
 */
export function inclusionProofNodeIds(index: number, size: number): NodeId[] {
  return uniqueIds(inclusionProofRanges(index, size).map((r) => subtreeNodeIds(r.start, r.end)))
}

/**
 * Every stored node a consistency proof needs, without duplicates: fetch them in one batch.
 *
 * @param first - the older tree size
 * @param second - the newer tree size, ≥ `first`
 * @returns at most 2·log2(second) + 1 node ids
 * @throws RangeError as {@link consistencyProofRanges}
 * @example
 * ```ts
 * const ids = consistencyProofNodeIds(1000, 2000)
 * ```
 */
export function consistencyProofNodeIds(first: number, second: number): NodeId[] {
  return uniqueIds(consistencyProofRanges(first, second).map((r) => subtreeNodeIds(r.start, r.end)))
}
