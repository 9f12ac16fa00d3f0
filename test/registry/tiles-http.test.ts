// C2SP tlog-tiles over the registry's HTTP handler: hash tiles and entry bundles read from the
// stored tree, full tiles immutable, partial tiles short-lived, nothing beyond the tree served.
import { beforeAll, describe, expect, it } from 'vitest'
import { registryHandler } from '../../src/registry/http.js'
import { hashLeaf, rootFromLeafHashes } from '../../src/registry/log/merkle.js'
import { publicKeyFromSeed } from '../../src/keys/ed25519.js'
import { signEntry, type RegEntry } from '../../src/registry/entries.js'
import { fixture, T0, type Fixture } from './registry-helpers.js'

const SIZE = 600 // 2 full level-0 tiles and a partial of 88; level 1 has a partial of 2
let f: Fixture
let handle: (r: Request) => Promise<Response>
const entries: Uint8Array[] = []

beforeAll(async () => {
  f = await fixture({ batchSize: 1000, batchDelayMs: 20 })
  handle = registryHandler(f.registry)
  const seed = new Uint8Array(32).fill(0x61)
  const issuer = await publicKeyFromSeed(seed)
  for (let i = 0; i < SIZE; i++) {
    const c = new Uint8Array(32)
    new DataView(c.buffer).setUint32(0, i)
    entries.push(await signEntry<RegEntry>({ t: 'reg', c, rev: { issuer }, at: T0 }, seed))
  }
  const receipts = await Promise.all(entries.map((e) => f.registry.submit(e)))
  receipts.forEach((r, i) => expect(r.index).toBe(i)) // one batch, in order
  expect(await f.registry.size()).toBe(SIZE)
}, 60_000)

const get = (path: string): Promise<Response> => handle(new Request(`http://x/v1/${path}`))
const hashesOf = (body: Uint8Array): Uint8Array[] => Array.from({ length: body.length / 32 }, (_, i) => body.slice(i * 32, i * 32 + 32))
const body = async (res: Response): Promise<Uint8Array> => new Uint8Array(await res.arrayBuffer())

describe('C2SP tlog-tiles', () => {
  it('serves full level-0 tiles of leaf hashes, immutable', async () => {
    for (const [path, start] of [['tile/0/000', 0], ['tile/0/001', 256]] as const) {
      const res = await get(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      const hashes = hashesOf(await body(res))
      expect(hashes).toHaveLength(256)
      expect(hashes).toEqual(entries.slice(start, start + 256).map(hashLeaf))
    }
  })

  it('serves partial tiles up to the tree size, short-lived, and a level-1 tile of subtree roots', async () => {
    const partial = await get('tile/0/002.p/88')
    expect(partial.status).toBe(200)
    expect(partial.headers.get('cache-control')).toBe('public, max-age=60')
    expect(hashesOf(await body(partial))).toEqual(entries.slice(512, 600).map(hashLeaf))
    expect(hashesOf(await body(await get('tile/0/002.p/5')))).toEqual(entries.slice(512, 517).map(hashLeaf))
    const level1 = hashesOf(await body(await get('tile/1/000.p/2')))
    expect(level1).toEqual([rootFromLeafHashes(entries.slice(0, 256).map(hashLeaf)), rootFromLeafHashes(entries.slice(256, 512).map(hashLeaf))])
  })

  it('serves entry bundles as uint16-length-prefixed entries', async () => {
    const bundle = await body(await get('tile/entries/001'))
    const parsed: Uint8Array[] = []
    for (let o = 0; o < bundle.length;) {
      const n = (bundle[o]! << 8) | bundle[o + 1]!
      parsed.push(bundle.slice(o + 2, o + 2 + n))
      o += 2 + n
    }
    expect(parsed).toEqual(entries.slice(256, 512))
    expect((await get('tile/entries/002.p/88')).status).toBe(200)
  })

  it('answers 404 for tiles the tree does not have yet and for malformed tile paths', async () => {
    for (const path of ['tile/0/002', 'tile/0/002.p/89', 'tile/0/003.p/1', 'tile/1/000', 'tile/1/000.p/3', 'tile/2/000.p/1', 'tile/entries/002', 'tile/0/2', 'tile/0/000.p/256', 'tile/0/000.p/0', 'tile/x/000', 'tile/0/x000/001']) {
      const res = await get(path)
      expect({ path, status: res.status }).toEqual({ path, status: 404 })
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ERR_NOT_FOUND')
    }
  })
})
