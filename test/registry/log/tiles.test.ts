import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemoryNodeStore } from '../../../src/registry/log/memory-node-store.js'
import { hashLeaf, rootFromLeafHashes } from '../../../src/registry/log/merkle.js'
import {
  changedTiles,
  entriesPath,
  formatTileIndex,
  parseTilePath,
  partialTileWidth,
  tileNodeIds,
  tilePath,
} from '../../../src/registry/log/tiles.js'
import { appendLeaves } from '../../../src/registry/log/tree.js'

describe('tlog-tiles paths', () => {
  it('writes indices in x-prefixed three-digit groups (spec example 1234067)', () => {
    expect(formatTileIndex(1234067)).toBe('x001/x234/067')
    expect(formatTileIndex(0)).toBe('000')
    expect(formatTileIndex(999)).toBe('999')
    expect(formatTileIndex(1000)).toBe('x001/000')
    expect(formatTileIndex(2 ** 53 - 1)).toBe('x009/x007/x199/x254/x740/991')
  })

  it('formats and parses tile and entry paths', () => {
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067')
    expect(tilePath({ level: 1, index: 1234067, width: 17 })).toBe('tile/1/x001/x234/067.p/17')
    expect(entriesPath(3, 112)).toBe('tile/entries/003.p/112')
    expect(entriesPath(3)).toBe('tile/entries/003')
    expect(parseTilePath('tile/2/001.p/5')).toEqual({ kind: 'hashes', level: 2, index: 1, width: 5 })
    expect(parseTilePath('tile/entries/x001/x234/067')).toEqual({ kind: 'entries', level: 0, index: 1234067, width: 256 })
  })

  it('rejects non-canonical and malformed paths', () => {
    for (const p of [
      'tile/0/1', 'tile/0/0001', 'tile/00/000', 'tile/64/000', 'tile/-1/000', 'tile/0/x000/001', 'tile/0/001/x002',
      'tile/0/000.p/0', 'tile/0/000.p/256', 'tile/0/000.p/05', 'tile/0/000.p/', 'tile/0/', 'tile/0', 'tiles/0/000',
      'tile/0/x1/000', 'tile/0/000/', '/tile/0/000', 'tile/entries/000.p/300', 'tile/0/x9999/000', 'tile/0/x010/x000/x000/x000/x000/000',
    ]) expect(parseTilePath(p), p).toBeUndefined()
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError)
    expect(() => tilePath({ level: 64, index: 0, width: 1 })).toThrow(RangeError)
  })

  it('property: tilePath/parseTilePath round trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 63 }), fc.maxSafeNat(), fc.integer({ min: 1, max: 256 }), (level, index, width) => {
        const path = tilePath({ level, index, width })
        expect(parseTilePath(path)).toEqual({ kind: 'hashes', level, index, width })
      }),
    )
  })

  it('property: parseTilePath accepts only canonical spellings', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^tile\/(?:entries|\d{1,3})\/(?:x?\d{1,4}\/){0,3}x?\d{1,4}(?:\.p\/\d{1,4})?$/), (path) => {
        const t = parseTilePath(path)
        if (t !== undefined) expect(t.kind === 'entries' ? entriesPath(t.index, t.width) : tilePath(t)).toBe(path)
      }),
    )
  })
})

describe('tile maths', () => {
  it('matches the spec example for a tree of 70,000', () => {
    const tiles = changedTiles(0, 70_000)
    const at = (l: number) => tiles.filter((t) => t.level === l)
    expect(at(0).filter((t) => t.width === 256)).toHaveLength(273)
    expect(at(0).filter((t) => t.width < 256).map((t) => t.width)).toEqual([112])
    expect(at(1).map((t) => t.width)).toEqual([256, 17])
    expect(at(2).map((t) => t.width)).toEqual([1])
    expect(tiles.every((t) => t.level <= 2)).toBe(true)
    expect([0, 1, 2, 3].map((l) => partialTileWidth(l, 70_000))).toEqual([112, 17, 1, 0])
    expect(changedTiles(0, 256)).toEqual([{ level: 0, index: 0, width: 256 }, { level: 1, index: 0, width: 1 }])
  })

  it('lists only what an append changes', () => {
    expect(changedTiles(10, 10)).toEqual([])
    expect(changedTiles(10, 11)).toEqual([{ level: 0, index: 0, width: 11 }])
    expect(changedTiles(255, 257)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 0, index: 1, width: 1 },
      { level: 1, index: 0, width: 1 },
    ])
    expect(() => changedTiles(5, 4)).toThrow(RangeError)
  })

  it('tile hashes are stored nodes: a level-1 hash is the root of a full level-0 tile', async () => {
    const store = new MemoryNodeStore()
    const leaves = Array.from({ length: 600 }, (_, i) => hashLeaf(Uint8Array.of(i % 256, Math.floor(i / 256))))
    store.putNodes((await appendLeaves(store, 0, leaves)).newNodes)
    const level1 = await store.getNodes(tileNodeIds({ level: 1, index: 0, width: partialTileWidth(1, 600) }))
    expect(level1).toHaveLength(2)
    for (let i = 0; i < 2; i++) {
      const tile0 = await store.getNodes(tileNodeIds({ level: 0, index: i, width: 256 }))
      expect(rootFromLeafHashes(tile0)).toEqual(level1[i])
    }
    const partial = await store.getNodes(tileNodeIds({ level: 0, index: 2, width: partialTileWidth(0, 600) }))
    expect(partial).toEqual(leaves.slice(512))
  })
})
