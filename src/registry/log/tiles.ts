/**
 * C2SP `tlog-tiles` path maths (c2sp.org/tlog-tiles), so checkpoints, tiles and entry bundles can
 * be served as static files from a CDN or object store.
 *
 * A tile at level L, index N, holds up to 256 consecutive hashes of tree level 8·L: hash i is
 * node `(8L, N·256 + i)` in the node store's terms (see `node-ids.ts`). Paths are
 * `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, with N written in three-digit groups,
 * all but the last prefixed by `x` (1234067 → `x001/x234/067`); `.p/<W>` marks a partial tile of
 * W < 256 hashes.
 *
 * Arithmetic uses division, never 32-bit bitwise operators, so it is exact up to 2^53 − 1.
 *
 * @module
 */
import type { NodeId } from './node-ids.js'
import { MAX_TREE_SIZE, assertIndex } from './tree-math.js'

/** Tree levels per tile (C2SP tlog-tiles). */
export const TILE_HEIGHT = 8
/** Hashes in a full tile. */
export const TILE_WIDTH = 256

/** One tile (or entry bundle): its level, index and width (1–256; 256 is a full tile). */
export interface TileCoord {
  /** Tile level L (tree level 8·L). Entry bundles use level 0. */
  readonly level: number
  /** Tile index N within its level. */
  readonly index: number
  /** Number of hashes (or entries): 256 for a full tile, 1–255 for a partial one. */
  readonly width: number
}

/** A parsed tile or entry-bundle path. */
export interface ParsedTilePath extends TileCoord {
  /** `hashes` for `tile/<L>/…`, `entries` for `tile/entries/…`. */
  readonly kind: 'hashes' | 'entries'
}

/**
 * Writes a tile index as three-digit path elements, all but the last prefixed with `x`.
 *
 * @param index - the tile index
 * @returns e.g. `x001/x234/067` for 1234067, `000` for 0
 * @throws RangeError if `index` is not a safe non-negative integer
 * @example
 * ```ts
 * formatTileIndex(1234067) // 'x001/x234/067'
 * ```
 */
export function formatTileIndex(index: number): string {
  assertIndex('index', index)
  const groups: string[] = []
  let n = index
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'))
    n = Math.floor(n / 1000)
  } while (n > 0)
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/')
}

function assertTile(tile: TileCoord): void {
  if (typeof tile !== 'object' || tile === null) throw new TypeError('"tile" expected a TileCoord')
  assertIndex('tile.level', tile.level)
  assertIndex('tile.index', tile.index)
  assertIndex('tile.width', tile.width)
  if (tile.level > 63) throw new RangeError(`"tile.level" expected 0-63, got ${tile.level}`)
  if (tile.width < 1 || tile.width > TILE_WIDTH) throw new RangeError(`"tile.width" expected 1-256, got ${tile.width}`)
}

/**
 * The path of a Merkle tree tile.
 *
 * @param tile - level, index and width
 * @returns `tile/<L>/<N>` or `tile/<L>/<N>.p/<W>`
 * @throws TypeError/RangeError for an invalid tile
 * @example
 * ```ts
 * tilePath({ level: 1, index: 1234067, width: 17 }) // 'tile/1/x001/x234/067.p/17'
 * ```
 */
export function tilePath(tile: TileCoord): string {
  assertTile(tile)
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${tile.width < TILE_WIDTH ? `.p/${tile.width}` : ''}`
}

/**
 * The path of an entry bundle (the log entries under level-0 tile `index`).
 *
 * @param index - the bundle index
 * @param width - entries in the bundle, 1–256 (default 256, a full bundle)
 * @returns `tile/entries/<N>` or `tile/entries/<N>.p/<W>`
 * @throws TypeError/RangeError for an invalid index or width
 * @example
 * ```ts
 * entriesPath(3, 112) // 'tile/entries/003.p/112'
 * ```
 */
export function entriesPath(index: number, width: number = TILE_WIDTH): string {
  assertTile({ level: 0, index, width })
  return `tile/entries/${formatTileIndex(index)}${width < TILE_WIDTH ? `.p/${width}` : ''}`
}

const INDEX_PATH = /^(?:x\d{3}\/)*\d{3}$/
const SMALL = /^(?:0|[1-9]\d*)$/

/**
 * Parses a tile or entry-bundle path strictly (the exact spelling {@link tilePath} and
 * {@link entriesPath} produce).
 *
 * @param path - e.g. `tile/0/x001/x234/067.p/8` or `tile/entries/000`
 * @returns the kind, level, index and width, or `undefined` if `path` is not a tile path
 * @throws nothing
 * @example
 * ```ts
 * parseTilePath('tile/2/001.p/5') // { kind: 'hashes', level: 2, index: 1, width: 5 }
 * ```
 */
export function parseTilePath(path: string): ParsedTilePath | undefined {
  if (typeof path !== 'string' || !path.startsWith('tile/')) return undefined
  const rest = path.slice('tile/'.length)
  const slash = rest.indexOf('/')
  if (slash < 0) return undefined
  const head = rest.slice(0, slash)
  let tail = rest.slice(slash + 1)
  let width = TILE_WIDTH
  const p = tail.indexOf('.p/')
  if (p >= 0) {
    const w = tail.slice(p + 3)
    if (!SMALL.test(w) || Number(w) < 1 || Number(w) > TILE_WIDTH - 1) return undefined
    width = Number(w)
    tail = tail.slice(0, p)
  }
  if (!INDEX_PATH.test(tail)) return undefined
  const groups = tail.split('/').map((g) => g.replace('x', ''))
  // No redundant leading groups: `x000/001` is not the spelling of 1.
  if (groups.length > 1 && groups[0] === '000') return undefined
  let index = 0
  for (const g of groups) {
    index = index * 1000 + Number(g)
    if (index > MAX_TREE_SIZE) return undefined
  }
  if (head === 'entries') return { kind: 'entries', level: 0, index, width }
  if (!SMALL.test(head) || Number(head) > 63) return undefined
  return { kind: 'hashes', level: Number(head), index, width }
}

/**
 * Width of the partial tile at `level` for a tree of `size` leaves: floor(size / 256^level) mod
 * 256 (0 when that level has no partial tile).
 *
 * @param level - tile level
 * @param size - tree size
 * @returns 0–255
 * @throws RangeError for invalid arguments
 * @example
 * ```ts
 * partialTileWidth(1, 70_000) // 17
 * ```
 */
export function partialTileWidth(level: number, size: number): number {
  assertIndex('level', level)
  assertIndex('size', size)
  return Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH
}

/**
 * The node ids whose hashes make up a tile, in order (hash i is node `(8L, N·256 + i)`).
 *
 * @param tile - level, index and width
 * @returns `width` node ids; fetch them in one batch from the node store
 * @throws TypeError/RangeError for an invalid tile
 * @example
 * ```ts
 * const hashes = await store.getNodes(tileNodeIds({ level: 0, index: 0, width: 256 }))
 * ```
 */
export function tileNodeIds(tile: TileCoord): NodeId[] {
  assertTile(tile)
  const level = TILE_HEIGHT * tile.level
  return Array.from({ length: tile.width }, (_, i) => ({ level, index: tile.index * TILE_WIDTH + i }))
}

/**
 * The tiles that are new or grew when a tree goes from `oldSize` to `newSize` leaves: what a
 * static exporter writes after an append (the entry bundles are the level-0 coordinates).
 *
 * @param oldSize - the previous tree size (0 for a new log)
 * @param newSize - the new tree size, ≥ `oldSize`
 * @returns tiles from level 0 upwards, each with its new width
 * @throws RangeError if `newSize` < `oldSize` or either is invalid
 * @example
 * ```ts
 * changedTiles(0, 70_000).filter((t) => t.width < 256) // the partial tiles of a 70,000 tree
 * ```
 */
export function changedTiles(oldSize: number, newSize: number): TileCoord[] {
  assertIndex('oldSize', oldSize)
  assertIndex('newSize', newSize)
  if (newSize < oldSize) throw new RangeError(`"newSize" ${newSize} is below "oldSize" ${oldSize}`)
  const out: TileCoord[] = []
  for (let level = 0; ; level++) {
    const before = Math.floor(oldSize / TILE_WIDTH ** level) // hashes at tree level 8·level
    const after = Math.floor(newSize / TILE_WIDTH ** level)
    if (after === before) break
    for (let index = Math.floor(before / TILE_WIDTH); index * TILE_WIDTH < after; index++) {
      out.push({ level, index, width: Math.min(TILE_WIDTH, after - index * TILE_WIDTH) })
    }
  }
  return out
}
