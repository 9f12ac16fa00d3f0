/**
 * Appending to the log and producing roots and proofs from stored complete-subtree nodes (see
 * `node-ids.ts` for the storage model). Each operation makes exactly one batched read of
 * O(log n) nodes; no operation ever reads all leaves.
 *
 * Proofs are the RFC 9162 §2.1.3.1 / §2.1.4.1 proofs, byte for byte: each proof hash is the MTH of
 * a range from the RFC recursion, rebuilt from that range's complete subtrees.
 *
 * @module
 */
import { CounterfoilError } from '../../errors.js'
import { assertBytes, copyBytes } from '../../codec/bytes.js'
import { HASH_LENGTH, emptyRoot, hashChildren } from './merkle.js'
import {
  type LeafRange,
  type NodeId,
  consistencyProofRanges,
  inclusionProofRanges,
  rootNodeIds,
  subtreeNodeIds,
} from './node-ids.js'
import { MAX_TREE_SIZE, assertIndex, half, isOdd } from './tree-math.js'

/**
 * Read access to stored node hashes. One call per operation, so a database store can answer with
 * one query.
 */
export interface NodeReader {
  /**
   * Resolves to the 32-byte hashes of `ids`, in the same order. Rejects if any node is missing.
   */
  getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]>
}

/** A node hash to store. */
export interface StoredNode {
  /** Which node. */
  readonly id: NodeId
  /** Its 32-byte hash. */
  readonly hash: Uint8Array
}

/** What {@link appendLeaves} computed: the nodes to persist and the new tree head. */
export interface AppendResult {
  /** Every complete node that exists after the append and did not before (leaves included). */
  readonly newNodes: StoredNode[]
  /** The tree size after the append. */
  readonly newSize: number
  /** The root hash at `newSize`. */
  readonly root: Uint8Array
}

async function readNodes(reader: NodeReader, ids: readonly NodeId[]): Promise<Map<string, Uint8Array>> {
  if (typeof reader?.getNodes !== 'function') throw new TypeError('"reader" expected a NodeReader')
  const hashes = ids.length === 0 ? [] : await reader.getNodes(ids)
  if (!Array.isArray(hashes) || hashes.length !== ids.length) {
    throw new CounterfoilError('ERR_STORE', `node store returned ${String(hashes?.length)} hashes for ${ids.length} ids`)
  }
  const map = new Map<string, Uint8Array>()
  ids.forEach((id, i) => {
    const h = hashes[i]
    if (!(h instanceof Uint8Array) || h.length !== HASH_LENGTH) {
      throw new CounterfoilError('ERR_STORE', `node store returned a malformed hash for node (${id.level}, ${id.index})`)
    }
    map.set(key(id), h)
  })
  return map
}

function key(id: NodeId): string {
  return `${id.level}/${id.index}`
}

/** MTH of an RFC subtree range: fold its complete subtrees from the right. */
function rangeHash(range: LeafRange, nodes: Map<string, Uint8Array>): Uint8Array {
  const ids = subtreeNodeIds(range.start, range.end)
  let acc = nodes.get(key(ids[ids.length - 1]!))!
  for (let i = ids.length - 2; i >= 0; i--) acc = hashChildren(nodes.get(key(ids[i]!))!, acc)
  return acc
}

async function hashesOfRanges(reader: NodeReader, ranges: readonly LeafRange[]): Promise<Uint8Array[]> {
  const ids: NodeId[] = []
  const seen = new Set<string>()
  for (const r of ranges) {
    for (const id of subtreeNodeIds(r.start, r.end)) {
      if (!seen.has(key(id))) {
        seen.add(key(id))
        ids.push(id)
      }
    }
  }
  const nodes = await readNodes(reader, ids)
  return ranges.map((r) => rangeHash(r, nodes))
}

/**
 * The root hash of the tree at `size`, from the O(log n) nodes on its right edge.
 *
 * @param reader - the node store
 * @param size - a tree size the store holds all nodes for
 * @returns the 32-byte root (SHA-256("") for size 0)
 * @throws RangeError if `size` is not a safe non-negative integer; CounterfoilError `ERR_STORE`
 *   if the store returns malformed data; whatever the store throws for missing nodes
 * @example
 * ```ts
 * const root = await rootAt(store, 1_000_000)
 * ```
 */
export async function rootAt(reader: NodeReader, size: number): Promise<Uint8Array> {
  assertIndex('size', size)
  if (size === 0) return emptyRoot()
  const [root] = await hashesOfRanges(reader, [{ start: 0, end: size }])
  return root!
}

/**
 * The RFC 9162 §2.1.3.1 inclusion proof for the leaf at `index` in the tree at `size`.
 *
 * @param reader - the node store
 * @param index - the leaf index
 * @param size - the tree size, greater than `index`
 * @returns the proof hashes, from the leaf's sibling up to the root's child
 * @throws RangeError if `index` ≥ `size`; CounterfoilError `ERR_STORE` on malformed store data
 * @example
 * ```ts
 * const proof = await inclusionProof(store, 5, 8)
 * verifyInclusion(leafHash, 5, 8, proof, await rootAt(store, 8)) // true
 * ```
 */
export async function inclusionProof(reader: NodeReader, index: number, size: number): Promise<Uint8Array[]> {
  return hashesOfRanges(reader, inclusionProofRanges(index, size))
}

/**
 * The RFC 9162 §2.1.4.1 consistency proof from the tree at `first` to the tree at `second`
 * (empty when `first` is 0 or equals `second`).
 *
 * @param reader - the node store
 * @param first - the older tree size
 * @param second - the newer tree size, ≥ `first`
 * @returns the proof hashes
 * @throws RangeError if `first` > `second`; CounterfoilError `ERR_STORE` on malformed store data
 * @example
 * ```ts
 * const proof = await consistencyProof(store, 6, 8)
 * ```
 */
export async function consistencyProof(reader: NodeReader, first: number, second: number): Promise<Uint8Array[]> {
  return hashesOfRanges(reader, consistencyProofRanges(first, second))
}

/**
 * Appends leaf hashes to a tree of `size` leaves and computes every complete node that now exists
 * and did not before. Reads only the O(log n) nodes on the old right edge, in one batch; the
 * caller persists `newNodes` (atomically with the new size) and signs a checkpoint for `root`.
 * Pure computation: the caller serialises appends (one writer per log), e.g. by storing under a
 * compare-and-set on the tree size.
 *
 * @param reader - the node store holding the tree at `size`
 * @param size - the current tree size
 * @param leafHashes - the new leaves' 32-byte hashes, in order (see `hashLeaf`)
 * @returns the nodes to store, the new size and the new root
 * @throws TypeError/RangeError for a bad size or leaf hash, or if the tree would exceed 2^53 − 1
 *   leaves; CounterfoilError `ERR_STORE` on malformed store data
 * @example
 * ```ts
 * const { newNodes, newSize, root } = await appendLeaves(store, 0, entries.map(hashLeaf))
 * store.putNodes(newNodes)
 * ```
 */
export async function appendLeaves(
  reader: NodeReader,
  size: number,
  leafHashes: readonly Uint8Array[],
): Promise<AppendResult> {
  assertIndex('size', size)
  if (!Array.isArray(leafHashes)) throw new TypeError('"leafHashes" expected an array of Uint8Array')
  leafHashes.forEach((h, i) => {
    assertBytes(h, `leafHashes[${i}]`)
    if (h.length !== HASH_LENGTH) {
      throw new RangeError(`"leafHashes[${i}]" expected Uint8Array of length ${HASH_LENGTH}, got length=${h.length}`)
    }
  })
  if (leafHashes.length > MAX_TREE_SIZE - size) {
    throw new RangeError(`appending ${leafHashes.length} leaves to ${size} exceeds the largest tree size 2^53 - 1`)
  }

  // The right edge: for each level, the hash of the complete node there still waiting for its
  // right sibling. For the tree at `size` these are exactly the root's nodes (one per set bit).
  const edge = new Map<number, Uint8Array>()
  if (size > 0) {
    const ids = rootNodeIds(size)
    const nodes = await readNodes(reader, ids)
    for (const id of ids) edge.set(id.level, nodes.get(key(id))!)
  }

  const newNodes: StoredNode[] = []
  leafHashes.forEach((leafHash, i) => {
    let index = size + i
    let level = 0
    let hash: Uint8Array = copyBytes(leafHash)
    newNodes.push({ id: { level, index }, hash })
    // A right child (odd index) completes its parent with the waiting left sibling.
    while (isOdd(index)) {
      const left = edge.get(level)!
      edge.delete(level)
      hash = hashChildren(left, hash)
      level += 1
      index = half(index)
      newNodes.push({ id: { level, index }, hash })
    }
    edge.set(level, hash)
  })

  const newSize = size + leafHashes.length
  let root: Uint8Array
  if (newSize === 0) {
    root = emptyRoot()
  } else {
    // Fold the right edge from the smallest (rightmost) subtree up.
    const levels = [...edge.keys()].sort((a, b) => a - b)
    root = edge.get(levels[0]!)!
    for (const l of levels.slice(1)) root = hashChildren(edge.get(l)!, root)
  }
  return { newNodes, newSize, root }
}
