/**
 * A bounded cache of Merkle node hashes in front of a {@link NodeReader}. Safe without any
 * invalidation: a stored node is the hash of a complete subtree of an append-only log, so the hash
 * for a given (level, index) never changes, whichever server wrote it.
 *
 * @module
 */
import type { NodeId } from './node-ids.js'
import type { NodeReader, StoredNode } from './tree.js'

const key = (id: NodeId): string => `${id.level}/${id.index}`

/**
 * A {@link NodeReader} that answers from memory where it can and asks `reader` once for the rest.
 *
 * @example
 * ```ts
 * const nodes = new NodeCache(store, 100_000)
 * nodes.remember(newNodes) // just committed: the receipts of this batch read them
 * const proof = await inclusionProof(nodes, index, size)
 * ```
 */
export class NodeCache implements NodeReader {
  readonly #hashes = new Map<string, Uint8Array>()

  /**
   * @param reader - where missing nodes come from
   * @param capacity - most nodes kept; the oldest inserted go first
   */
  constructor(private readonly reader: NodeReader, private readonly capacity: number) {}

  /** Adds committed nodes (only ever pass nodes that are durably stored). */
  remember(nodes: readonly StoredNode[]): void {
    for (const n of nodes) this.#hashes.set(key(n.id), n.hash)
    this.#trim()
  }

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    const out: (Uint8Array | undefined)[] = ids.map((id) => this.#hashes.get(key(id)))
    const missing = ids.filter((_, i) => out[i] === undefined)
    if (missing.length > 0) {
      const found = await this.reader.getNodes(missing)
      let k = 0
      out.forEach((h, i) => {
        if (h !== undefined) return
        const hash = found[k++]!
        out[i] = hash
        this.#hashes.set(key(ids[i]!), hash)
      })
      this.#trim()
    }
    return out as Uint8Array[]
  }

  #trim(): void {
    for (const k of this.#hashes.keys()) {
      if (this.#hashes.size <= this.capacity) break
      this.#hashes.delete(k)
    }
  }
}
