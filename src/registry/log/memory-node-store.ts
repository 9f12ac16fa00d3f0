/**
 * An in-memory node store for tests, browsers and small logs. Counts reads so tests can check
 * that proofs touch O(log n) nodes.
 *
 * @module
 */
import { CounterfoilError } from '../../errors.js'
import { HASH_LENGTH } from './merkle.js'
import { type NodeId, assertNodeId } from './node-ids.js'
import type { NodeReader, StoredNode } from './tree.js'

/**
 * Node hashes in memory, one `Map` per level. Append-only: storing a different hash for a node
 * already present is refused.
 *
 * @example
 * ```ts
 * const store = new MemoryNodeStore()
 * const { newNodes, newSize, root } = await appendLeaves(store, 0, leafHashes)
 * store.putNodes(newNodes)
 * const proof = await inclusionProof(store, 3, newSize)
 * ```
 */
export class MemoryNodeStore implements NodeReader {
  readonly #levels: Map<number, Uint8Array>[] = []
  #nodesRead = 0
  #batches = 0

  /** Total node ids requested through {@link getNodes} since creation or {@link resetCounters}. */
  get nodesRead(): number {
    return this.#nodesRead
  }

  /** Number of {@link getNodes} calls since creation or {@link resetCounters}. */
  get batches(): number {
    return this.#batches
  }

  /** Number of nodes stored. */
  get nodeCount(): number {
    return this.#levels.reduce((n, m) => n + (m?.size ?? 0), 0)
  }

  /**
   * Resets {@link nodesRead} and {@link batches} to zero.
   *
   * @returns nothing
   * @example
   * ```ts
   * store.resetCounters(); await inclusionProof(store, 7, size); store.nodesRead
   * ```
   */
  resetCounters(): void {
    this.#nodesRead = 0
    this.#batches = 0
  }

  /**
   * Reads node hashes in one batch.
   *
   * @param ids - the nodes to read
   * @returns their hashes, in the order of `ids`
   * @throws CounterfoilError `ERR_NOT_FOUND` if a node is not stored; RangeError for an invalid id
   * @example
   * ```ts
   * const [h] = await store.getNodes([{ level: 0, index: 0 }])
   * ```
   */
  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    this.#batches += 1
    this.#nodesRead += ids.length
    return ids.map((id) => {
      assertNodeId(id)
      const hash = this.#levels[id.level]?.get(id.index)
      if (hash === undefined) {
        throw new CounterfoilError('ERR_NOT_FOUND', `node (${id.level}, ${id.index}) is not stored`)
      }
      return hash
    })
  }

  /**
   * Stores node hashes. Storing the same hash twice is a no-op.
   *
   * @param nodes - nodes from `appendLeaves`
   * @returns nothing
   * @throws CounterfoilError `ERR_CONFLICT` if a node already holds a different hash;
   *   TypeError/RangeError for a malformed node
   * @example
   * ```ts
   * store.putNodes((await appendLeaves(store, size, hashes)).newNodes)
   * ```
   */
  putNodes(nodes: readonly StoredNode[]): void {
    for (const { id, hash } of nodes) {
      assertNodeId(id)
      if (!(hash instanceof Uint8Array) || hash.length !== HASH_LENGTH) {
        throw new TypeError(`node (${id.level}, ${id.index}): "hash" expected Uint8Array of length ${HASH_LENGTH}`)
      }
      const level = (this.#levels[id.level] ??= new Map())
      const old = level.get(id.index)
      if (old !== undefined) {
        if (old.length !== hash.length || old.some((b, i) => b !== hash[i])) {
          throw new CounterfoilError('ERR_CONFLICT', `node (${id.level}, ${id.index}) already holds a different hash`)
        }
        continue
      }
      level.set(id.index, hash)
    }
  }
}
